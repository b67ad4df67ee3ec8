import HTTPTypes
import Hummingbird
import ServiceContextModule
import Tracing

/// The server span of each request, outermost, when tracing is on: a child of the caller's
/// `traceparent` when it sent a valid one (so its trace continues), else a new trace. The
/// request's `traceparent` is replaced by this span's, so everything downstream (the spine's
/// trace id in the audit record, spans of the layers) belongs to it. Named `METHOD /route`
/// once routed; it ends when the response body has been written (streams included).
struct RequestSpanMiddleware<Context: RequestContext>: RouterMiddleware {
    let telemetry: Telemetry

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let field = HTTPField.Name(TraceHeader.name)!
        guard
            let span = telemetry.startSpan(
                "HTTP \(request.method.rawValue)", kind: .server, incoming: request.headers[field])
        else { return try await next(request, context) }
        span.attributes["http.request.method"] = request.method.rawValue
        span.attributes["url.path"] = request.uri.path
        var head = request.head
        head.headerFields[field] = telemetry.traceparent(of: span.context)
        let request = Request(head: head, body: request.body)
        do {
            var response = try await ServiceContext.$current.withValue(span.context) {
                try await next(request, context)
            }
            name(span, request, context, status: Int(response.status.code))
            if response.status.code >= 500 { span.setStatus(SpanStatus(code: .error)) }
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                defer { span.end() }
                try await body.write(writer)
            }
            return response
        } catch {
            name(span, request, context, status: Int((error as? any HTTPResponseError)?.status.code ?? 500))
            span.recordError(error)
            span.end()
            throw error
        }
    }

    private func name(_ span: any Span, _ request: Request, _ context: Context, status: Int) {
        if let route = context.endpointPath {
            span.operationName = "\(request.method.rawValue) \(route)"
            span.attributes["http.route"] = route
        }
        span.attributes["http.response.status_code"] = status
    }
}
