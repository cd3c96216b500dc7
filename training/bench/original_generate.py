"""What the original project's generator_64.py did for `STYLE EMOTION N`, for timing against
`emotion-art generate STYLE EMOTION N`: start Python, import torch, build the generator, load a
state_dict from disk, generate N images of one emotion (train mode, as the original never called
eval()), and save them as one grid PNG.

    /usr/bin/python3 original_generate.py WEIGHTS.pth EMOTION N OUT.png [HIDDEN_DIM]
    /usr/bin/python3 original_generate.py --make WEIGHTS.pth [HIDDEN_DIM]    # a random state_dict to time with
"""
import sys
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image


class Generator(nn.Module):
    def __init__(self, input_dim=103, im_chan=3, hidden_dim=64):
        super().__init__()
        self.input_dim = input_dim
        hd = hidden_dim
        self.gen = nn.Sequential(
            nn.ConvTranspose2d(input_dim, hd * 8, 4, 1, 0, bias=False), nn.BatchNorm2d(hd * 8), nn.ReLU(True),
            nn.ConvTranspose2d(hd * 8, hd * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(hd * 4), nn.ReLU(True),
            nn.ConvTranspose2d(hd * 4, hd * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(hd * 2), nn.ReLU(True),
            nn.ConvTranspose2d(hd * 2, hd, 4, 2, 1, bias=False), nn.BatchNorm2d(hd), nn.ReLU(True),
            nn.ConvTranspose2d(hd, im_chan, 4, 2, 1, bias=False), nn.Tanh())

    def forward(self, noise):
        return self.gen(noise.view(len(noise), self.input_dim, 1, 1))


if sys.argv[1] == '--make':
    torch.save(Generator(hidden_dim=int(sys.argv[3]) if len(sys.argv) > 3 else 64).state_dict(), sys.argv[2])
    sys.exit(0)
weights, emotion, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
hd = int(sys.argv[5]) if len(sys.argv) > 5 else 64
label = ['negative', 'neutral', 'positive'].index(emotion)
G = Generator(hidden_dim=hd)
G.load_state_dict(torch.load(weights))
with torch.no_grad():
    z = torch.randn(n, 100)
    one_hot = F.one_hot(torch.full((n,), label), 3).float()
    images = G(torch.cat([z, one_hot], 1))
grid = ((images.permute(0, 2, 3, 1) + 1) * 127.5).clamp(0, 255).to(torch.uint8).numpy()
cols = min(n, 8)
rows = (n + cols - 1) // cols
sheet = Image.new('RGB', (cols * 66 + 2, rows * 66 + 2), 'white')
for i in range(n):
    sheet.paste(Image.fromarray(grid[i]), (2 + (i % cols) * 66, 2 + (i // cols) * 66))
sheet.save(out)
