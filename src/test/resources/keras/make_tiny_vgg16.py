#!/usr/bin/env python3
"""Writes the tiny VGG16 weights files that KerasWeightsTest reads (see README.md beside it).

Run with Debian's h5py and numpy (apt-get install python3-h5py python3-numpy):
    /usr/bin/python3 make_tiny_vgg16.py
Same layout as Keras' model.save_weights("x.h5") / the ImageNet "notop" file, only with narrower
blocks and made-up values that the test can recompute exactly.
"""
import h5py
import numpy as np

BLOCKS = [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]]


def layer_names():
    names = ["input_1"]
    for b, convs in enumerate(BLOCKS):
        names += ["block%d_conv%d" % (b + 1, c + 1) for c in range(len(convs))]
        names.append("block%d_pool" % (b + 1))
    return names


def kernel(number, cin, cout):
    # The same value at all 9 taps (a 3x3 box filter times a channel mix), so the network sees colour
    # and shapes rather than pixel noise: value = 3 (k - 50) * 2^-(7 + e), k = (37 m + 11 L) mod 101
    # with m = i mod (cin * cout), exact in float32; e scales the taps to about a third of He-normal's
    # spread, which keeps the signal's size from layer to layer for smooth inputs.
    i = np.arange(9 * cin * cout, dtype=np.int64)
    k = (37 * (i % (cin * cout)) + 11 * number) % 101
    e = int(round(np.log2(3 * 0.45 / np.sqrt(2.0 / (9 * cin)))))
    return (3 * (k - 50) * 2.0 ** -(7 + e)).astype(np.float32).reshape(3, 3, cin, cout)


def bias(number, cout):
    j = np.arange(cout, dtype=np.int64)
    return (((13 * j + 7 * number) % 21 - 10) * 2.0 ** -8).astype(np.float32)


def write(path, width, keras2):
    """keras2: Keras 2 names (block1_conv1/block1_conv1/kernel:0); else Keras 1 names, as in the
    ImageNet file keras.applications downloads (block1_conv1/block1_conv1_W_1:0)."""
    with h5py.File(path, "w") as f:
        names = layer_names()
        f.attrs["layer_names"] = np.array([n.encode("utf8") for n in names])
        f.attrs["backend"] = b"tensorflow"
        f.attrs["keras_version"] = b"2.15.0" if keras2 else b"1.2.2"
        cin, number = 3, 0
        for name in names:
            g = f.create_group(name)
            if "_conv" not in name:
                g.attrs["weight_names"] = []  # input and pooling layers: no weights (Keras stores [] like this)
                continue
            b, c = (int(s) for s in name.replace("block", "").split("_conv"))
            cout = BLOCKS[b - 1][c - 1] * width // 64
            number += 1
            if keras2:
                w_name, b_name = name + "/kernel:0", name + "/bias:0"
            else:
                w_name, b_name = name + "_W_1:0", name + "_b_1:0"
            g.attrs["weight_names"] = np.array([w_name.encode("utf8"), b_name.encode("utf8")])
            g.create_dataset(w_name, data=kernel(number, cin, cout))
            g.create_dataset(b_name, data=bias(number, cout))
            cin = cout


if __name__ == "__main__":
    write("tiny-vgg16-w4.h5", 4, keras2=True)
    write("tiny-vgg16-w1-keras1.h5", 1, keras2=False)
