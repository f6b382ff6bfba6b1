"""Each paragraph of the entry text read from its own side.

QPlainTextEdit already orders the letters of an Arabic or Hebrew paragraph
from right to left (its text option asks for the direction to be found from
the text), but it lines every paragraph up on the left: its document layout
applies the document's one alignment as is, where the rich-text layout turns
"leading edge" into the right edge for a right-to-left paragraph. This layout
does that turn for each paragraph of a plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit


class ParagraphDirectionLayout(QPlainTextDocumentLayout):
    """A plain-text layout that aligns each paragraph to the side it starts
    from: right for Arabic or Hebrew, left for English."""

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        # Qt lays a paragraph out afresh (with the document's text option)
        # before every use, and always asks for this rectangle before it
        # draws the paragraph or places the cursor in it.
        rect = super().blockBoundingRect(block)
        layout = block.layout()
        if layout is not None:
            option = layout.textOption()
            side = (
                Qt.AlignmentFlag.AlignRight
                if block.textDirection() == Qt.LayoutDirection.RightToLeft
                else Qt.AlignmentFlag.AlignLeft
            )
            if option.alignment() != side:
                option.setAlignment(side)
                layout.setTextOption(option)
        return rect


def follow_paragraph_direction(editor: QPlainTextEdit) -> None:
    """Give ``editor`` a document whose paragraphs align by their direction."""
    document = QTextDocument(editor)
    document.setDocumentLayout(ParagraphDirectionLayout(document))
    editor.setDocument(document)
    option = document.defaultTextOption()
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    document.setDefaultTextOption(option)
