"""Gallery grid and image viewer on a real X server (run under xvfb-run)."""

from __future__ import annotations

import colorsys
import io
import time
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from PySide6.QtCore import QCoreApplication, QMimeData, QModelIndex, QPoint, Qt, QThreadPool, QUrl
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from lemon_desktop.library import Library
from lemon_desktop.library import metadata as md
from lemon_desktop.library.metadata import Provenance
from lemon_desktop.ui.gallery import GalleryModel, GalleryPanel, ImageViewer
from lemon_desktop.ui.gallery import actions as actions_module
from lemon_desktop.ui.gallery.name_dialog import NameDialog
from tests.gallery_fixtures import shown

pytest_plugins = ["tests.gallery_fixtures"]

pytestmark = pytest.mark.gui
SHOTS = Path("/tmp/lemon-shots")
MODELS = ["gpt-image-2", "flux-pro", "seedream-4"]
SHAPES = [(256, 256), (320, 180), (180, 320), (256, 256), (300, 200)]


def picture(i: int) -> bytes:
    """A distinct, colourful PNG (so screenshots show real content)."""
    w, h = SHAPES[i % len(SHAPES)]
    r, g, b = (round(c * 255) for c in colorsys.hsv_to_rgb((i * 0.137) % 1, 0.55, 0.9))
    image = Image.new("RGB", (w, h), (r, g, b))
    draw = ImageDraw.Draw(image)
    for k in range(6):  # a vertical gradient of bands
        shade = (max(0, r - 20 * k), max(0, g - 15 * k), min(255, b + 10 * k))
        draw.rectangle([0, h * k // 6, w, h * (k + 1) // 6], fill=shade)
    cr = min(w, h) // 3
    draw.ellipse([w // 2 - cr, h // 2 - cr, w // 2 + cr, h // 2 + cr], fill=(255 - r, 255 - g, b))
    draw.text((8, 6), f"#{i}", fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def provenance(i: int) -> Provenance:
    return Provenance(
        prompt=f"a lemon tree number {i}" + (" at sunset" if i % 2 else " in the snow"),
        model=MODELS[i % len(MODELS)],
        params={"size": "1024x1024", "quality": "high", "n": 1},
        revised_prompt=f"A photorealistic lemon tree, variant {i}",
        cost_usd="0.04",
        usage={"total_tokens": 100 + i},
        created=f"2026-01-01T{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}.000000Z",
    )


def fill(library: Library, n: int, start: int = 0) -> list[int]:
    return [library.add_bytes(picture(i), provenance(i)).id for i in range(start, start + n)]


def ids_of(model: GalleryModel) -> list[int]:
    """Every row's id as the view gets them: a page not in memory is read in a worker
    (data() never reads SQLite on the GUI thread), so wait for those rows to arrive."""
    ids = [model.index(i).data(GalleryModel.IdRole) for i in range(model.rowCount())]
    deadline = time.monotonic() + 10
    while None in ids and time.monotonic() < deadline:
        QThreadPool.globalInstance().waitForDone(1000)
        QCoreApplication.processEvents()
        ids = [model.index(i).data(GalleryModel.IdRole) for i in range(model.rowCount())]
    return ids


def select(panel: GalleryPanel, positions: list[int]) -> None:
    view = panel.view
    view.clearSelection()
    flags = view.selectionModel().SelectionFlag
    for p in positions:
        view.selectionModel().select(panel.model.index(p), flags.Select)
    view.selectionModel().setCurrentIndex(panel.model.index(positions[0]), flags.NoUpdate)


# -- paging, thumbnails ------------------------------------------------------------------


def test_first_page_only_then_fetch_more(
    make_panel, library: Library, monkeypatch, qtbot: QtBot
) -> None:
    ids = fill(library, 230)
    caps: list[int | None] = []
    real_count = library.count
    monkeypatch.setattr(
        library, "count", lambda q="", *, cap=None: caps.append(cap) or real_count(q, cap=cap)
    )
    panel = make_panel(show=False)
    model = panel.model
    assert model.rowCount() == 200
    assert ids_of(model)[:3] == ids[::-1][:3]  # newest first
    assert model.canFetchMore(QModelIndex())
    QThreadPool.globalInstance().waitForDone(5000)
    assert None not in caps  # never an uncapped count
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: not model.canFetchMore(QModelIndex()), timeout=5000)  # counted
    assert model.rowCount() == 230
    assert not model.canFetchMore(QModelIndex())
    assert ids_of(model) == ids[::-1]


def test_count_label_says_more_then_exact(make_panel, library: Library, qtbot: QtBot) -> None:
    fill(library, 205)
    panel = make_panel(show=False)
    qtbot.waitUntil(lambda: panel.count_label.text() == "205 images", timeout=5000)
    panel.set_query("model:flux-pro")
    shown(qtbot, panel)
    assert panel.count_label.text() == "68 images"


def test_thumbnails_arrive_for_visible_cells_only(
    make_panel, library: Library, qtbot: QtBot
) -> None:
    fill(library, 220)
    panel = make_panel(size=(700, 500))
    model = panel.model
    changed: list[int] = []
    model.dataChanged.connect(
        lambda a, _b, roles: (
            changed.append(a.row()) if Qt.ItemDataRole.DecorationRole in roles else None
        )
    )
    first = model.row_at(0)
    qtbot.waitUntil(lambda: model.cached_thumbnail(first) is not None, timeout=10_000)
    assert 0 in changed
    pixmap = model.cached_thumbnail(first)
    assert max(pixmap.width(), pixmap.height()) <= model.thumb_pixels
    # Only painted cells asked: far fewer than the 200 rows loaded.
    qtbot.wait(300)
    assert len(model.pixmap_cache) < 100
    assert model.cached_thumbnail(model.row_at(199)) is None


def test_size_slider_changes_grid_and_requested_size(make_panel, library: Library) -> None:
    fill(library, 5)
    panel = make_panel()
    panel.thumb_size = 300  # snaps to the 32 px steps
    assert panel.thumb_size == 288
    assert panel.view.gridSize().height() == 288 + 12
    assert panel.view.gridSize().width() >= 288 + 12
    assert panel.model.thumb_pixels == round(288 * panel.devicePixelRatioF())


# -- search and filters ------------------------------------------------------------------


def test_search_filters_and_bad_syntax(make_panel, library: Library, qtbot: QtBot) -> None:
    fill(library, 12)
    library.set_favourite([1, 2], True)
    panel = make_panel()
    model = panel.model
    panel.set_query("model:flux-pro")
    shown(qtbot, panel)
    assert model.rowCount() == 4
    assert all(library.get(i).model == "flux-pro" for i in ids_of(model))

    before = ids_of(model)
    panel.set_query("colour:red")
    assert panel.error_label.isVisible()
    assert "colour" in panel.error_label.text()
    assert ids_of(model) == before  # previous results kept

    panel.search.setText("sunset")  # typing: applied after the debounce
    assert panel.error_label.isVisible()
    qtbot.waitUntil(lambda: model.query == "sunset", timeout=2000)
    assert not panel.error_label.isVisible()
    assert model.rowCount() == 6

    panel.set_query("")
    panel.chips.favourites.setChecked(True)
    shown(qtbot, panel)
    assert model.query == "fav"
    assert sorted(ids_of(model)) == [1, 2]
    panel.chips.favourites.setChecked(False)
    panel.chips.rating.choose("rating:>=3", "≥ ★★★")
    shown(qtbot, panel)
    assert model.query == "rating:>=3" and model.rowCount() == 0
    assert panel.count_label.text() == "0 images"
    panel.chips.rating.choose("", "")
    panel.chips.model.choose("model:seedream-4")
    panel.search.setText("snow")
    panel.apply_query()
    shown(qtbot, panel)
    assert model.query == "snow model:seedream-4"
    assert model.rowCount() == 2  # ids 3 and 9 are snowy seedream images (i = 2, 8)


# -- selection, actions, keys ----------------------------------------------------------------


def test_context_menu_actions(make_panel, library: Library, qtbot: QtBot) -> None:
    ids = fill(library, 6)
    panel = make_panel()
    model, actions = panel.model, panel.actions
    select(panel, [0, 1])
    chosen = [model.row_at(0).id, model.row_at(1).id]

    menu = actions.build_menu()
    texts = [a.text() for a in menu.actions() if a.text()]
    assert {"Open", "Show in Folder", "Copy Image", "Copy Prompt", "Reuse Settings"} <= set(texts)
    assert {"Favourite", "Rate", "Tag…", "Add to Album…", "Export…", "Move to Trash"} <= set(texts)
    assert not actions.open.isEnabled()  # open needs exactly one image
    menu.deleteLater()

    actions.favourite.trigger()
    qtbot.waitUntil(lambda: all(library.get(i).favourite for i in chosen), timeout=3000)
    qtbot.waitUntil(lambda: model.row_at(0).favourite and model.row_at(1).favourite)

    qtbot.keyClick(panel.view, Qt.Key.Key_4)
    qtbot.waitUntil(lambda: [library.get(i).rating for i in chosen] == [4, 4], timeout=3000)

    actions.ask_tags()
    dialog = actions.dialog
    assert isinstance(dialog, NameDialog) and dialog.isVisible()
    dialog.edit.setText("sunset, keeper")
    dialog.ok.click()
    qtbot.waitUntil(lambda: set(library.get(chosen[0]).tags) == {"sunset", "keeper"}, timeout=3000)

    actions.ask_album()
    assert isinstance(actions.dialog, NameDialog)
    actions.dialog.edit.setText("Best of")
    actions.dialog.ok.click()
    qtbot.waitUntil(lambda: library.get(chosen[1]).albums == ("Best of",), timeout=3000)

    # The prompts are read in a worker; the tag and album writes report meanwhile too.
    with qtbot.waitSignal(
        actions.status_message, check_params_cb=lambda text: text == "Prompt copied."
    ):
        actions.copy_selected_prompts()
    clip = QGuiApplication.clipboard().text()
    assert library.get(chosen[0]).prompt in clip and library.get(chosen[1]).prompt in clip

    opened: list[QUrl] = []
    actions_module.open_url = opened.append  # type: ignore[assignment]
    try:
        actions.show_in_folder.trigger()
    finally:
        actions_module.open_url = actions_module.QDesktopServices.openUrl
    assert opened[0].toLocalFile() == str(library.get(chosen[0]).path.parent)

    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=3000)
    assert all(library.get(i).deleted for i in chosen)
    assert panel.banner.isVisible()
    panel.banner.button.click()
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=3000)
    assert ids_of(model) == ids[::-1]


def test_keys_open_copy_and_export(make_panel, library: Library, qtbot: QtBot, tmp_path) -> None:
    fill(library, 3)
    panel = make_panel()
    select(panel, [1])
    target = panel.model.row_at(1)
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == [target.id]

    qtbot.keyClick(panel.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasImage()
    assert [u.toLocalFile() for u in mime.urls()] == [str(target.path)]

    panel.export_template = "{n}"
    panel.actions.export_selected(tmp_path / "out")
    qtbot.waitUntil(lambda: (tmp_path / "out").exists() and any((tmp_path / "out").iterdir()))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["1.png"]


def test_reuse_requested_payload(make_panel, library: Library, qtbot: QtBot) -> None:
    fill(library, 3)
    panel = make_panel()
    select(panel, [2])
    image_id = panel.model.row_at(2).id
    record = library.get(image_id)
    with qtbot.waitSignal(panel.reuse_requested) as reuse:
        panel.actions.reuse.trigger()
    assert reuse.args[0] == {
        "model": record.model,
        "prompt": record.prompt,
        "params": {"size": "1024x1024", "quality": "high", "n": 1},
        "image_id": image_id,
    }


# -- live updates ---------------------------------------------------------------------------


def test_new_images_appear_without_reload(make_panel, library: Library, qtbot: QtBot) -> None:
    fill(library, 10)
    panel = make_panel()
    model = panel.model
    select(panel, [3])
    selected_id = model.row_at(3).id
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    new_ids = fill(library, 2, start=100)  # newer "created" than every earlier one
    qtbot.waitUntil(lambda: model.rowCount() == 12, timeout=3000)
    assert ids_of(model)[:2] == new_ids[::-1]
    assert not resets
    selected = [i.data(GalleryModel.IdRole) for i in panel.view.selectionModel().selectedIndexes()]
    assert selected == [selected_id]

    panel.set_query("model:gpt-image-2")
    shown(qtbot, panel)
    count = model.rowCount()
    library.add_bytes(picture(300), provenance(301))  # flux-pro: does not match
    library.add_bytes(picture(302), provenance(303))  # gpt-image-2... i=303 -> 303 % 3 == 0
    qtbot.waitUntil(lambda: model.rowCount() == count + 1, timeout=3000)


# -- drag and drop ------------------------------------------------------------------------------


def test_drag_out_mime_is_file_urls_offered_as_copy(make_panel, library: Library) -> None:
    fill(library, 4)
    panel = make_panel()
    model = panel.model
    assert model.supportedDragActions() == Qt.DropAction.CopyAction
    assert panel.view.dragEnabled()
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsDragEnabled
    mime = model.mimeData([model.index(0), model.index(2)])
    assert mime.hasFormat("text/uri-list")
    urls = mime.urls()
    assert all(u.isLocalFile() and u.scheme() == "file" for u in urls)
    paths = [Path(u.toLocalFile()) for u in urls]
    assert paths == [library.get(model.row_at(p).id).path for p in (0, 2)]
    assert all(p.is_file() and p.is_relative_to(library.root) for p in paths)
    assert not mime.hasImage()
    single = model.mimeData([model.index(1)])
    assert single.hasImage() and len(single.urls()) == 1


def test_drop_in_imports_and_offers_reuse(
    make_panel, library: Library, qtbot: QtBot, tmp_path: Path
) -> None:
    fill(library, 2)
    panel = make_panel()
    outside = tmp_path / "downloads"
    outside.mkdir()
    plain = outside / "plain.png"
    plain.write_bytes(picture(50))
    tagged = outside / "tagged.png"
    prov = Provenance(prompt="a dropped lemon", model="flux-pro", params={"size": "512x512"})
    tagged.write_bytes(md.embed(picture(51), "png", prov))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(plain)), QUrl.fromLocalFile(str(tagged))])

    with qtbot.waitSignal(panel.reuse_offered, timeout=5000) as offered:
        assert panel.import_mime(mime)
    payload = offered.args[0]
    assert payload["prompt"] == "a dropped lemon"
    assert payload["model"] == "flux-pro"
    assert payload["params"] == {"size": "512x512"}
    assert library.count("") == 4
    assert library.get(payload["image_id"]).prompt == "a dropped lemon"
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=3000)
    assert not panel.import_mime(QMimeData())  # nothing to import


# -- viewer ---------------------------------------------------------------------------------------


def test_viewer_prev_next_zoom_and_details(make_panel, library: Library, qtbot: QtBot) -> None:
    fill(library, 5)
    panel = make_panel()
    viewer = ImageViewer(library)
    qtbot.addWidget(viewer)
    order = ids_of(panel.model)
    viewer.show_image(order[1], panel.neighbour, panel.preview)
    viewer.show()
    qtbot.waitExposed(viewer)
    qtbot.waitUntil(lambda: viewer.canvas.is_full, timeout=5000)

    record = library.get(order[1])
    fields = dict(viewer.details.fields())
    assert fields["Prompt"] == record.prompt
    assert fields["Revised prompt"] == record.revised_prompt
    assert fields["Model"] == record.model
    assert fields["quality"] == "high" and fields["size"] == "1024x1024"
    assert fields["Cost"] == "$0.04"
    assert str(record.path) == fields["Path"]
    assert fields["Usage"] == f"total_tokens: {record.usage['total_tokens']}"
    assert fields["Size"] == f"{record.width} × {record.height} px"

    qtbot.keyClick(viewer, Qt.Key.Key_Right)
    assert viewer.current_id == order[2]
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    qtbot.keyClick(viewer, Qt.Key.Key_Left)
    assert viewer.current_id == order[0]
    assert not viewer.previous()  # first image: nothing before
    assert not viewer.previous_button.isEnabled()

    qtbot.waitUntil(lambda: viewer.canvas.is_full, timeout=5000)
    viewer.canvas.actual_size()
    assert viewer.canvas.effective_scale() == 1.0
    qtbot.keyClick(viewer, Qt.Key.Key_Plus)
    assert viewer.canvas.effective_scale() == pytest.approx(1.25)
    viewer.canvas.set_scale(4.0)
    before = viewer.canvas.center
    viewer.canvas.pan_by(40, 0)
    assert viewer.canvas.center.x() == pytest.approx(before.x() + 10)
    qtbot.keyClick(viewer, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert viewer.canvas.fitted

    library.set_rating([order[0]], 5)
    qtbot.waitUntil(lambda: dict(viewer.details.fields()).get("Marks") == "★★★★★", timeout=3000)


# -- screenshots ---------------------------------------------------------------------------------


def test_screenshots(make_panel, library: Library, qtbot: QtBot) -> None:
    ids = fill(library, 200)
    library.set_favourite(ids[-3:], True)
    library.set_rating(ids[-6:-1], 4)
    panel = make_panel(size=(1180, 780))
    model = panel.model
    select(panel, [1, 2])
    qtbot.waitUntil(
        lambda: all(model.cached_thumbnail(model.row_at(i)) is not None for i in range(20)),
        timeout=15_000,
    )
    qtbot.wait(200)
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "gallery.png"))

    viewer = ImageViewer(library)
    qtbot.addWidget(viewer)
    viewer.resize(1100, 700)
    viewer.show_image(ids[-2], panel.neighbour, panel.preview)
    viewer.show()
    qtbot.waitExposed(viewer)
    qtbot.waitUntil(lambda: viewer.canvas.is_full, timeout=5000)
    assert viewer.grab().save(str(SHOTS / "viewer.png"))

    menu = panel.actions.popup_menu(panel.view.visualRect(model.index(1)).center())
    assert menu is not None
    qtbot.waitExposed(menu)
    assert menu.grab().save(str(SHOTS / "menu.png"))
    menu.close()
    _ = QPoint


# -- empty state ---------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080), (420, 300)])
def test_empty_label_shows_its_whole_text(
    make_panel, library: Library, qtbot: QtBot, size: tuple[int, int]
) -> None:
    # Built hidden and shown later, as in the window: the label used to keep the size
    # the viewport had at construction and read "lo images match".
    panel = make_panel(show=False, size=size)
    panel.show()
    qtbot.waitExposed(panel)
    label = panel.empty_label
    qtbot.waitUntil(label.isVisible)
    viewport = panel.view.viewport()
    qtbot.waitUntil(lambda: label.geometry() == viewport.rect())
    assert label.text() == "No images match."
    assert label.sizeHint().width() <= label.width()
    assert label.heightForWidth(label.width()) <= label.height()
    panel.resize(size[0] + 300, size[1] + 200)
    qtbot.waitUntil(lambda: label.geometry() == viewport.rect())
