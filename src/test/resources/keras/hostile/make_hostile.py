#!/usr/bin/python3
"""Small hostile Keras-style weights files for KerasWeightsHostileTest (Debian's python3-h5py).
Run in this folder: /usr/bin/python3 make_hostile.py"""
import h5py
import numpy as np


def layer(f, name, names=None):
    g = f.create_group(name)
    if names is not None:
        g.attrs['weight_names'] = np.array([n.encode() for n in names])
    return g


# a group that contains itself (hard link), walked when weight_names is absent
with h5py.File('cycle.h5', 'w') as f:
    g = layer(f, 'block1_conv1')
    g['loop'] = g
    g['kernel:0'] = np.zeros((3, 3, 3, 4), 'f4')

# weight_names naming a soft link to itself
with h5py.File('softlink_loop.h5', 'w') as f:
    g = layer(f, 'block1_conv1', ['soft', 'bias:0'])
    g['soft'] = h5py.SoftLink('/block1_conv1/soft')
    g['bias:0'] = np.zeros(4, 'f4')

# a kernel loaded from another file through an external link (named in weight_names)
with h5py.File('extlink_target.h5', 'w') as f:
    f['k'] = np.ones((3, 3, 3, 4), 'f4')
with h5py.File('extlink_kernel.h5', 'w') as f:
    g = layer(f, 'block1_conv1', ['kernel:0', 'bias:0'])
    g['kernel:0'] = h5py.ExternalLink('extlink_target.h5', '/k')
    g['bias:0'] = np.zeros(4, 'f4')

# a soft link as the kernel of a layer without weight_names
with h5py.File('walk_softlink.h5', 'w') as f:
    g = layer(f, 'block1_conv1')
    g['real'] = np.zeros((3, 3, 3, 4), 'f4')
    g['kernel:0'] = h5py.SoftLink('/block1_conv1/real')
    g['bias:0'] = np.zeros(4, 'f4')

# a kernel that was created but never written (no storage allocated)
with h5py.File('unallocated.h5', 'w') as f:
    g = layer(f, 'block1_conv1', ['block1_conv1/kernel:0', 'block1_conv1/bias:0'])
    g.create_dataset('block1_conv1/kernel:0', shape=(3, 3, 3, 4), dtype='f4')
    g['block1_conv1/bias:0'] = np.zeros(4, 'f4')


def big(g, name, rows):
    """rows x 1,000,000 float32, gzip-chunked, one chunk written: a few KB on disk."""
    d = g.create_dataset(name, shape=(rows, 1_000_000), dtype='f4', chunks=(1, 1_000_000),
                         compression='gzip', compression_opts=9, fillvalue=0)
    d[0] = np.ones(1_000_000, 'f4')


# one dataset larger than a weights file may hold (160 million floats)
with h5py.File('huge_dataset.h5', 'w') as f:
    g = layer(f, 'block1_conv1', ['block1_conv1/kernel:0', 'block1_conv1/bias:0'])
    big(g, 'block1_conv1/kernel:0', 160)
    g['block1_conv1/bias:0'] = np.zeros(4, 'f4')

# two datasets of 100 million floats: each allowed, together too many
with h5py.File('huge_total.h5', 'w') as f:
    for k in range(2):
        g = layer(f, 'block%d_conv1' % (k + 1))
        big(g, 'kernel:0', 100)

# InceptionWeights walks every group: the same huge kernel there
with h5py.File('inception_huge.h5', 'w') as f:
    big(f.create_group('conv2d_1').create_group('conv2d_1'), 'kernel:0', 160)
