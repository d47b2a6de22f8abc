"""Realistic Word documents for the import tests, made with python-docx.

A 公文-style notice (发文字号, title, 来源/作者 and date lines, 一、/（一）/1./(1)
headings as bold paragraphs, a footnote) and a news report (a table with merged cells,
three pictures with alt text). Bad inputs are made from them: a picture replaced by an
EMF or by text, an encrypted copy, a zip bomb, a very long document.
"""

import io
import re
import struct
import zipfile

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm
from msoffcrypto.format.ooxml import OOXMLFile
from PIL import Image

GONGWEN_TITLE = "关于加快推进开发区高质量发展的实施意见"
NEWS_TITLE = "双桥经开区一季度签约项目12个 总投资45亿元"
PICTURES = [
    ("签约仪式现场", (181, 18, 27), "JPEG"),
    ("新建标准化厂房", (30, 90, 160), "PNG"),
    ("企业负责人接受采访", (40, 140, 60), "JPEG"),
]


def picture(colour, kind, size=(480, 320)):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, kind)
    out.seek(0)
    return out


def bold_paragraph(document, text):
    document.add_paragraph().add_run(text).bold = True


def gongwen_docx():
    """A 公文 as development-zone offices write them, saved by Word or WPS."""
    document = Document()
    document.core_properties.title = "实施意见（征求意见稿）"
    document.core_properties.author = "Administrator"
    document.add_paragraph("渝经开发〔2024〕12号")
    document.add_paragraph(GONGWEN_TITLE)
    document.add_paragraph("来源：重庆双桥经济开发区管委会　作者：罗传莹 邹玉红")
    document.add_paragraph("2024年03月19日 10:38")
    document.add_paragraph("各园区、各部门：")
    document.add_paragraph(
        "为深入贯彻落实党中央、国务院关于推进开发区高质量发展的决策部署，现提出如下意见。"
    )
    bold_paragraph(document, "一、总体要求")
    bold_paragraph(document, "（一）指导思想")
    paragraph = document.add_paragraph("坚持以习近平新时代中国特色社会主义思想为指导")
    add_footnote(document, paragraph, "见《国务院办公厅关于促进开发区改革和创新发展的若干意见》。")
    paragraph.add_run("，完整、准确、全面贯彻新发展理念。")
    bold_paragraph(document, "（二）主要目标")
    bold_paragraph(document, "1. 经济总量稳步提升")
    document.add_paragraph("到2025年，全区规模以上工业总产值突破500亿元。")
    bold_paragraph(document, "(1) 工业投资")
    document.add_paragraph("年均增长10%以上。")
    bold_paragraph(document, "二、重点任务")
    run = document.add_paragraph().add_run("强化招商引资，")
    run.italic = True
    document.add_paragraph("一是优化营商环境；", style="List Bullet")
    document.add_paragraph("二是完善基础设施。", style="List Bullet")
    document.add_paragraph("重庆双桥经济开发区管委会")
    document.add_paragraph("2024年3月18日")
    return saved(document)


def news_docx(pictures=PICTURES):
    """A news report with a table of merged cells and three captioned pictures."""
    document = Document()
    document.core_properties.author = "邹玉红"
    document.add_paragraph(NEWS_TITLE)
    document.add_paragraph("发布时间：2024-04-02 09:15　来源：重庆双桥经济开发区")
    document.add_paragraph("4月1日，双桥经开区举行一季度重大项目集中签约仪式。")
    for index, (alt, colour, kind) in enumerate(pictures):
        add_picture(document, picture(colour, kind), alt)
        document.add_paragraph(f"图{index + 1}　{alt}")
    document.add_paragraph("签约项目情况如下：")
    table = document.add_table(rows=4, cols=3)
    rows = [
        ["产业", "项目", "投资（亿元）"],
        ["智能制造", "新能源汽车零部件", "20"],
        ["", "工业机器人", "15"],
        ["现代服务", "物流园区", "10"],
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.cell(1, 0).merge(table.cell(2, 0)).text = "智能制造"  # rows merged
    document.add_paragraph("下一步，经开区将持续优化服务，推动项目早落地、早投产。")
    return saved(document)


def add_picture(document, image, alt):
    document.add_paragraph().add_run().add_picture(image, width=Cm(12))
    document.inline_shapes[-1]._inline.docPr.set("descr", alt)


def add_footnote(document, paragraph, text):
    """python-docx writes no footnotes: add the part and a reference to it by hand."""
    part = document.part
    footnotes = next(
        (rel.target_part for rel in part.rels.values() if rel.reltype == RT.FOOTNOTES), None
    )
    if footnotes is None:
        xml = (
            f"<w:footnotes {nsdecls('w')}>"
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            '</w:footnote><w:footnote w:id="0" w:type="continuationSeparator"><w:p><w:r>'
            "<w:continuationSeparator/></w:r></w:p></w:footnote></w:footnotes>"
        )
        footnotes = Part(
            PackURI("/word/footnotes.xml"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
            xml.encode(),
            part.package,
        )
        part.relate_to(footnotes, RT.FOOTNOTES)
    blob = footnotes.blob.decode()
    number = blob.count("<w:footnote ") - 1
    note = f'<w:footnote w:id="{number}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote>'
    footnotes._blob = blob.replace("</w:footnotes>", note + "</w:footnotes>").encode()
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{number}"/></w:r>'
        )
    )


def long_docx(paragraphs):
    """A long report: `paragraphs` paragraphs of about 90 characters (a 300-page
    document has some 6000)."""
    document = Document()
    document.add_paragraph("开发区年度工作汇编")
    document.add_paragraph("2024年01月05日")
    text = (
        "各开发区认真贯彻落实年度工作部署，扎实推进招商引资、项目建设和营商环境优化等各项工作。" * 2
    )
    for _ in range(paragraphs):
        document.add_paragraph(text)
    return saved(document)


def saved(document):
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def emf_bytes():
    """An Enhanced Metafile header, as Word keeps pasted Visio or Excel charts."""
    header = struct.pack("<II4i4i", 1, 108, 0, 0, 100, 100, 0, 0, 2540, 2540)
    header += b" EMF" + struct.pack("<IIIHH", 0x10000, 108, 1, 0, 0)
    return header.ljust(108, b"\0")


def replace_picture(docx, number, data, extension=None):
    """The document with its `number`-th picture's bytes (and extension) replaced."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    media = sorted(name for name in source.namelist() if name.startswith("word/media/"))
    old = media[number - 1]
    new = re.sub(r"\.\w+$", f".{extension}", old) if extension else old
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == old:
                target.writestr(new, data)
                continue
            if info.filename == "word/_rels/document.xml.rels":
                content = content.replace(old[5:].encode(), new[5:].encode())
            if info.filename == "[Content_Types].xml" and extension:
                default = f'<Default Extension="{extension}" ContentType="image/x-{extension}"/>'
                content = content.replace(b"<Default ", default.encode() + b"<Default ", 1)
            target.writestr(info, content)
    return out.getvalue()


def zip_bomb():
    """A .docx whose document.xml inflates from a few hundred KB to 256 MB of spaces."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1 << 20)
            for _ in range(256):
                part.write(chunk)
    return out.getvalue()


def encrypted(docx, password="zhengwu2024"):
    """The document as Word saves it with 用密码进行加密: an OLE2 container."""
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(docx)).encrypt(password, out)
    return out.getvalue()
