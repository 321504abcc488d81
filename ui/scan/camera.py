"""Take a card photo with the laptop's webcam (Qt Multimedia), when there is one."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtMultimedia import (
    QCamera,
    QCameraDevice,
    QImageCapture,
    QMediaCaptureSession,
    QMediaDevices,
)
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def cameras() -> list[QCameraDevice]:
    return list(QMediaDevices.videoInputs())


class CameraDialog(QDialog):
    """Live view and a Capture button; ``captured(path)`` gives the saved photo."""

    captured = Signal(Path)

    def __init__(self, device: QCameraDevice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Photograph a card"))
        self.folder = Path(tempfile.mkdtemp(prefix="fieldsales-camera-"))
        self.camera = QCamera(device)
        self.session = QMediaCaptureSession()
        self.session.setCamera(self.camera)
        self.capture = QImageCapture()
        self.session.setImageCapture(self.capture)
        self.view = QVideoWidget()
        self.view.setMinimumSize(640, 400)
        self.session.setVideoOutput(self.view)
        self.status = QLabel(self.tr("Hold the card flat, filling most of the picture."))
        self.status.setObjectName("muted")
        self.shoot = QPushButton(self.tr("Capture"))
        self.shoot.setObjectName("primary")
        self.shoot.setDefault(True)
        self.shoot.clicked.connect(self._shoot)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        self.capture.imageSaved.connect(self._on_saved)
        self.capture.errorOccurred.connect(lambda _id, _err, text: self.status.setText(text))
        self.camera.errorOccurred.connect(lambda _err, text: self._on_camera_error(text))
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(close)
        buttons.addWidget(self.shoot)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.camera.start()
        if self.camera.error() != QCamera.Error.NoError:
            # E.g. the camera was unplugged or is used by another program.
            self._on_camera_error(self.camera.errorString())

    def _on_camera_error(self, text: str) -> None:
        self.shoot.setEnabled(False)
        self.status.setText(self.tr("The camera cannot be used: %1").replace(
            "%1", text or self.tr("unknown error")))

    def _shoot(self) -> None:
        if self.capture.isReadyForCapture():
            # Qt encodes and writes the file on its own thread.
            self.capture.captureToFile(str(self.folder / "card.jpg"))
        else:
            self.status.setText(self.tr("The camera is not ready yet"))

    def _on_saved(self, _id: int, file_name: str) -> None:
        self.captured.emit(Path(file_name))
        self.status.setText(self.tr("Captured: the card is being read. Take another or close."))

    def done(self, result: int) -> None:
        self.camera.stop()
        super().done(result)
