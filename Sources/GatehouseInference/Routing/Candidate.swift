/// One place a model request can be served: a model of the local store (run by a llama.cpp
/// engine) or a model of a remote OpenAI-compatible upstream.
public enum Candidate: Sendable, Hashable, CustomStringConvertible {
    /// A model of the model store, by its stored name.
    case local(String)
    /// `model` at the upstream named `upstream`.
    case remote(upstream: String, model: String)

    /// The route's name in prices, the audit trail and the `X-Gatehouse-Route` header:
    /// `local/NAME` or `UPSTREAM/MODEL`.
    public var route: String {
        switch self {
        case .local(let name): "local/" + name
        case .remote(let upstream, let model): upstream + "/" + model
        }
    }

    /// Whether serving here sends the request off the machine.
    public var isRemote: Bool {
        if case .remote = self { return true }
        return false
    }

    /// The route.
    public var description: String { route }
}
