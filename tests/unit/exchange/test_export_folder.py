"""Where the export is proposed: the stick when one is in, else the last folder, else
Documents — from a fake list of mounts, for Linux and for Windows."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

from bgfuture_desk.export_folder import Mount, proposed_folder, removable_roots

DOCUMENTS = PurePosixPath("/home/maria/Documents")
LINUX_MOUNTS = [
    Mount("/"),
    Mount("/boot/efi"),
    Mount("/media/ivan/HIS-STICK"),  # another user's
    Mount("/media/maria/CDROM", read_only=True),
    Mount("/run/media/maria/KINGSTON"),
    Mount("/media/maria/NOT-READY", ready=False),
]


def propose(mounts, last=None, last_exists=True, platform="linux", documents=DOCUMENTS):
    return proposed_folder(
        last=last,
        last_exists=last_exists,
        mounts=mounts,
        documents=documents,
        platform=platform,
        user="maria",
    )


def test_a_stick_of_the_user_is_found_under_media_or_run_media():
    assert removable_roots(LINUX_MOUNTS, platform="linux", user="maria") == [
        PurePosixPath("/run/media/maria/KINGSTON")
    ]
    more = [*LINUX_MOUNTS, Mount("/media/maria/USB")]
    assert propose(more) == PurePosixPath("/media/maria/USB")  # the first by name


def test_without_a_stick_the_last_folder_then_documents():
    plain = [Mount("/"), Mount("/home")]
    last = PurePosixPath("/home/maria/exports")
    assert propose(plain) == DOCUMENTS
    assert propose(plain, last=last) == last
    assert propose(plain, last=last, last_exists=False) == DOCUMENTS  # deleted since


def test_a_stick_comes_before_the_last_folder_unless_the_last_folder_is_on_it():
    stick = PurePosixPath("/run/media/maria/KINGSTON")
    assert propose(LINUX_MOUNTS, last=PurePosixPath("/home/maria/exports")) == stick
    on_it = stick / "exports" / "2025"
    assert propose(LINUX_MOUNTS, last=on_it) == on_it
    assert propose(LINUX_MOUNTS, last=on_it, last_exists=False) == stick  # another stick


def test_on_windows_a_removable_drive_letter():
    documents = PureWindowsPath("C:/Users/maria/Documents")
    mounts = [
        Mount("C:/"),
        Mount("D:/", removable=True, read_only=True),
        Mount("E:/", removable=True),
    ]
    assert propose(mounts, platform="win32", documents=documents) == PureWindowsPath("E:/")
    assert propose(mounts[:2], platform="win32", documents=documents) == documents
