/// The W3C trace context for calls a layer makes to its upstreams (a registry, a remote tool
/// server): set by the server around such a call, read by the layer's HTTP client, which sends
/// it as the `traceparent` header so the upstream's span is a child of Gatehouse's. Nil (the
/// default, and always when tracing is off) sends none.
public enum OutgoingTrace {
    /// The `traceparent` header value of the current client span.
    @TaskLocal public static var traceparent: String?
}
