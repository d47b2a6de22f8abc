"""StreamField blocks shared by every page type with a body."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    caption = blocks.CharBlock(label="图片说明", required=False, max_length=200)

    class Meta:
        icon = "image"
        label = "图片"
        template = "blocks/image.html"
        description = "一张图片及其说明文字"


class AttachmentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="文件")
    title = blocks.CharBlock(label="显示名称", required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = "附件"
        template = "blocks/attachment.html"
        description = "可供下载的文件（PDF、OFD、Word、WPS、Excel）"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="段落", features=PARAGRAPH_FEATURES, template="blocks/paragraph.html"
    )
    heading = blocks.CharBlock(
        label="小标题", max_length=60, icon="title", template="blocks/heading.html"
    )
    image = ImageWithCaptionBlock()
    table = TableBlock(label="表格")
    attachment = AttachmentBlock()
