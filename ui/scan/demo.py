"""Sample cards for screenshots and the demo profile, drawn with Pillow (no sample files)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

DEMO_CARDS: dict[str, list[tuple[str, int]]] = {
    "chen_jing.png": [("深圳市华宏科技有限公司", 40), ("陈静", 72), ("销售经理", 38),
                      ("手机：138 0013 8000", 32), ("邮箱：chenjing@huahong.example.cn", 30)],
    "alice_chen.png": [("Nimbus Robotics Ltd.", 36), ("Alice Chen", 64),
                       ("Purchasing Manager", 32), ("Mobile: +1 415 555 0132", 30),
                       ("Email: alice.chen@nimbus-robotics.example.com", 28)],
}


def draw_demo_cards(folder: Path) -> list[Path]:
    """Write the sample cards into ``folder`` and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for name, lines in DEMO_CARDS.items():
        card = Image.new("RGB", (1050, 600), "#fbfbf7")
        draw = ImageDraw.Draw(card)
        y = 60
        for text, size in lines:
            draw.text((70, y), text, fill="#202020", font=ImageFont.truetype(str(FONT), size))
            y += round(size * 1.45)
        card.save(folder / name)
        paths.append(folder / name)
    return paths
