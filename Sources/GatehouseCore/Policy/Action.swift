/// One typed request to be decided: what is asked for, and on which resource.
public struct Action: Sendable, Hashable, Codable {
    /// What is asked for.
    public var kind: ActionKind
    /// The resource acted on (an image reference, a tool name, a model, an API path); `*` when
    /// the action has no particular resource.
    public var resource: String

    /// Creates an action on a resource.
    public init(_ kind: ActionKind, resource: String = "*") {
        self.kind = kind
        self.resource = resource
    }
}
