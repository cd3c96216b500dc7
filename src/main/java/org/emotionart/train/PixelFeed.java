package org.emotionart.train;

import org.emotionart.data.ImageSet;
import org.tensorflow.Operand;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** A trainable backbone's feed: the images' uint8 pixels; the graph augments training batches itself. */
final class PixelFeed implements ClassifierFeed {
    private final ClassifierGraph net;
    private final ImageSet data;
    private final StratifiedSplit split;

    PixelFeed(ClassifierGraph net, ImageSet data, StratifiedSplit split) {
        this.net = net;
        this.data = data;
        this.split = split;
    }

    @Override
    public Operand<?> input() {
        return net.pixels;
    }

    @Override
    public Operand<TFloat32> logits() {
        return net.logits;
    }

    @Override
    public Operand<TFloat32> loss() {
        return net.loss;
    }

    @Override
    public Tensor trainBatch(int[] idx, int epoch) {
        return pixels(data, split.train(), idx);
    }

    @Override
    public Tensor validationBatch(int[] idx) {
        return pixels(data, split.validation(), idx);
    }

    /** The pixels [n, size, size, 3] of images {@code subset[idx[i]]}. */
    static TUint8 pixels(ImageSet data, int[] subset, int[] idx) {
        int bytes = data.bytesPerImage();
        byte[] out = new byte[idx.length * bytes];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(data.pixels(), subset[idx[i]] * bytes, out, i * bytes, bytes);
        }
        int s = data.size();
        return TUint8.tensorOf(Shape.of(idx.length, s, s, 3), DataBuffers.of(out, true, false));
    }
}
