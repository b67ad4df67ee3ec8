import GatehouseCore
import Instrumentation
import ServiceContextModule
import Tracing

/// Spans for one server: a tracer when `telemetry.traces` is on, nothing otherwise. Off, every
/// `span` call runs its body directly (no span, no task-local), so tracing costs nothing when
/// it is not configured. It is an instance, not the process-wide `InstrumentationSystem`, so
/// several servers in one process (the tests) each trace on their own.
struct Telemetry: Sendable {
    private let start: (@Sendable (String, SpanKind, ServiceContext) -> any Span)?
    private let injectContext: (@Sendable (ServiceContext) -> String?)?
    private let extractContext: (@Sendable (String, inout ServiceContext) -> Void)?

    /// No tracing.
    static let off = Telemetry()

    private init() {
        (start, injectContext, extractContext) = (nil, nil, nil)
    }

    /// Tracing through `tracer`.
    init<T: Tracer>(tracer: T) {
        start = { name, kind, parent in tracer.startSpan(name, context: parent, ofKind: kind) }
        injectContext = { context in
            var headers: [String: String] = [:]
            tracer.inject(context, into: &headers, using: HeaderCarrier())
            return headers[TraceHeader.name]
        }
        extractContext = { traceparent, context in
            tracer.extract([TraceHeader.name: traceparent], into: &context, using: HeaderCarrier())
        }
    }

    /// Whether spans are made.
    var isTracing: Bool { start != nil }

    /// Runs `body` in a new span named `name`, a child of the current one; the span ends when
    /// `body` returns and records an error it throws. A client span (a call to an upstream) also
    /// sets ``OutgoingTrace/traceparent`` to itself, for the layer's HTTP client to send.
    func span<T>(
        _ name: String, kind: SpanKind = .internal, isolation: isolated (any Actor)? = #isolation,
        _ body: (SpanNote) async throws -> T
    ) async throws -> T {
        guard let start else { return try await body(SpanNote(span: nil)) }
        let span = start(name, kind, ServiceContext.current ?? .topLevel)
        defer { span.end() }
        do {
            return try await ServiceContext.$current.withValue(span.context) {
                guard kind == .client else { return try await body(SpanNote(span: span)) }
                return try await OutgoingTrace.$traceparent.withValue(traceparent(of: span.context)) {
                    try await body(SpanNote(span: span))
                }
            }
        } catch {
            span.recordError(error)
            span.setStatus(SpanStatus(code: .error))
            throw error
        }
    }

    /// Starts a span whose parent is the caller's `traceparent` when it has a valid one (the
    /// request's server span); the caller ends it.
    func startSpan(_ name: String, kind: SpanKind, incoming traceparent: String?) -> (any Span)? {
        guard let start else { return nil }
        var context = ServiceContext.current ?? .topLevel
        if let traceparent, let extractContext { extractContext(traceparent, &context) }
        return start(name, kind, context)
    }

    /// The `traceparent` header value that names `context`'s span as the parent.
    func traceparent(of context: ServiceContext) -> String? {
        injectContext?(context)
    }
}

/// A span's attributes, set by the code a span wraps; a no-op when tracing is off.
struct SpanNote {
    let span: (any Span)?

    /// Sets attribute `key` to `value`.
    func set(_ key: String, _ value: String) {
        span?.attributes[key] = value
    }

    /// Sets attribute `key` to `value`.
    func set(_ key: String, _ value: Int) {
        span?.attributes[key] = value
    }
}

/// The W3C trace-context header.
enum TraceHeader {
    /// `traceparent`.
    static let name = "traceparent"
}

/// Header dictionaries as propagation carriers.
struct HeaderCarrier: Injector, Extractor {
    func inject(_ value: String, forKey key: String, into carrier: inout [String: String]) {
        carrier[key.lowercased()] = value
    }

    func extract(key: String, from carrier: [String: String]) -> String? {
        carrier[key.lowercased()]
    }
}
