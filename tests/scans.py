"""Test-only scanner: a text PDF in, an image-only PDF out, as a photocopier would make it.

Each page is rendered with pypdfium2, turned slightly (a page never lies straight on the
glass), sprinkled with seeded noise, and saved as a bitmap page: no text layer is left.
"""
import random
import time
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops, ImageFilter

DPI = 200
ANGLES = (0.6, -0.8, 0.9, -0.5)  # degrees, page by page in turn


def scan_pdf(source: Path, target: Path, dpi: int = DPI, seed: int = 0,
             pages: list[int] | None = None) -> Path:
    """Write `target`, a scan of `source` (only the 0-based `pages` given, if any)."""
    rng = random.Random(seed)
    images = []
    pdf = pdfium.PdfDocument(str(source))
    try:
        for index in pages if pages is not None else range(len(pdf)):
            images.append(scan_page(pdf[index], dpi, ANGLES[index % len(ANGLES)], rng))
    finally:
        pdf.close()
    first, *rest = images
    fixed = time.gmtime(1704067200)  # 2024-01-01: same bytes for the same source and seed
    first.save(target, "PDF", resolution=dpi, save_all=True, append_images=rest,
               title=target.stem, creationDate=fixed, modDate=fixed)
    return target


def scan_page(page, dpi: int, angle: float, rng: random.Random) -> Image.Image:
    bitmap = page.render(scale=dpi / 72, grayscale=True)
    image = bitmap.to_pil().convert("L")
    bitmap.close()
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    image = image.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    return _speckle(image, rng)


def _speckle(image: Image.Image, rng: random.Random) -> Image.Image:
    """Light noise: grey jitter on every pixel, and a few dark specks of dust."""
    noise = Image.frombytes("L", image.size, rng.randbytes(image.width * image.height))
    noise = noise.point(lambda v: v // 10)  # 0..25 grey levels
    image = Image.eval(image, lambda v: max(0, v - 12))
    image = ImageChops.add(image, noise)
    for _ in range(image.width * image.height // 20000):
        x, y = rng.randrange(image.width - 2), rng.randrange(image.height - 2)
        image.paste(rng.randrange(0, 90), (x, y, x + rng.randrange(1, 3), y + rng.randrange(1, 3)))
    return image

