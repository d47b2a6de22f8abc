"""HEAD answered as HTTP wants it: the headers of GET, no body. Django leaves stripping the
body to the server; gunicorn sends it and logs "WSGI app sent body bytes on a no-body
response" for every uptime check."""


class HeadWithoutBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "HEAD":
            return response
        if response.streaming:
            response.close()  # a file, or whitenoise's static file: let it go
            response.streaming_content = []
        else:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)  # what GET would send
        return response
