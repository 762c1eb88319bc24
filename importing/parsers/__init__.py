"""One module per source format, the shared segmentation beside them: bytes or text in, dataclasses out."""
