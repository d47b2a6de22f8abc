"""Word documents (.docx, also as WPS saves them) as draft articles.

`package` refuses what is not a readable .docx before anything is parsed (old .doc and
.wps, PDF, encrypted documents, corrupt or bomb-sized ZIPs); `convert` turns the
document into a `WordArticle` (mammoth for the body, python-docx for the properties,
`headings` for 公文 numbering, `tables` for merged cells); `draft` writes it as an
unpublished article; `form` is the upload form of the admin's 从Word导入.
"""
