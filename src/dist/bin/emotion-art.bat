@echo off
rem emotion-art launcher for Windows (TensorFlow Java's CPU build here is linux-x86_64: build with the
rem matching native classifier to run on Windows). JAVA_HOME, JAVA_OPTS, EMOTION_ART_MODELS as in bin/emotion-art.
setlocal
set "HOME_DIR=%~dp0.."
if "%TF_CPP_MIN_LOG_LEVEL%"=="" set "TF_CPP_MIN_LOG_LEVEL=2"
if "%EMOTION_ART_MODELS%"=="" set "EMOTION_ART_MODELS=%HOME_DIR%\savedmodels"
set "JAVA=java"
if not "%JAVA_HOME%"=="" set "JAVA=%JAVA_HOME%\bin\java"
"%JAVA%" %JAVA_OPTS% -Demotionart.models="%EMOTION_ART_MODELS%" -cp "%HOME_DIR%\lib\*" org.emotionart.cli.Main %*
