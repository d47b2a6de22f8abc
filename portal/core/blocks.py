"""StreamField blocks shared by every page type with a body."""

from wagtail import blocks
from wagtail.contrib.table_block.blocks import DEFAULT_TABLE_OPTIONS, TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

# h3 and h4 sit below the 小标题 block (h2): the levels of a 公文's （一） and 1. headings.
PARAGRAPH_FEATURES = [
    "h3",
    "h4",
    "bold",
    "italic",
    "link",
    "ol",
    "ul",
    "superscript",
    "subscript",
]
# Merged cells (kept from Word imports) stay merged when an editor saves the table, and
# the table's menu can merge and split them: Handsontable drops spans it was not told of.
TABLE_OPTIONS = {
    "mergeCells": True,
    "contextMenu": [*DEFAULT_TABLE_OPTIONS["contextMenu"], "---------", "mergeCells"],
}


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
    table = TableBlock(label="表格", table_options=TABLE_OPTIONS)
    attachment = AttachmentBlock()


class TopicSectionBlock(blocks.StructBlock):
    """A section of a 专题: hand-picked articles, or the newest with a tag."""

    title = blocks.CharBlock(label="栏目标题", max_length=40)
    tag = blocks.CharBlock(
        label="按标签汇集",
        required=False,
        max_length=50,
        help_text="未手动选择文章时，显示带此标签的最新文章",
    )
    articles = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="news.NewsPage", label="文章"),
        label="手动选择文章",
        required=False,
        default=[],
    )
    count = blocks.IntegerBlock(label="显示篇数", default=10, min_value=1, max_value=50)

    class Meta:
        icon = "list-ul"
        label = "专题栏目"
        description = "专题中的一组文章，可按标签自动汇集或手动挑选"
