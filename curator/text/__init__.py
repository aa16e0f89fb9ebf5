"""Qt-free text handling: decoding, line endings, language and direction, offsets, folding, boundaries."""
