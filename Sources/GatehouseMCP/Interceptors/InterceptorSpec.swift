/// A user-defined step before or after each tool call (`mcp.interceptors` in gatehouse.yaml):
/// a command run in a sandbox with the call as JSON on standard input, or an HTTP endpoint that
/// gets it as a POST body. Its answer may veto the call or rewrite it.
///
/// The answer, on standard output or as the response body:
/// - empty: go on unchanged;
/// - `{"action": "deny", "reason": "…"}`: refuse the call (recorded as a denial by the
///   interceptor's rule);
/// - `{"arguments": {…}}` (before): call with these arguments instead;
/// - `{"result": {…}}`, or a bare tool result with `content` (docker/mcp-gateway's contract):
///   before, answer with it without calling the tool; after, replace the result with it.
public struct InterceptorSpec: Sendable, Hashable {
    /// When the step runs.
    public enum When: String, Sendable, Hashable, CaseIterable {
        case before, after
    }

    /// What runs.
    public enum Target: Sendable, Hashable {
        /// A command (argv), run in a sandbox without network.
        case exec([String])
        /// An HTTP or HTTPS URL.
        case http(String)
    }

    /// Its name, used as the rule of its refusals (`interceptor:NAME`).
    public var name: String
    /// Before or after the call.
    public var when: When
    /// The command or URL.
    public var target: Target
    /// Globs over `server/tool` it applies to.
    public var tools: [String]
    /// How long it may take; past that the call is refused (fail closed).
    public var timeoutSeconds: Int

    /// Creates a step.
    public init(name: String, when: When, target: Target, tools: [String] = ["*"], timeoutSeconds: Int = 10) {
        self.name = name
        self.when = when
        self.target = target
        self.tools = tools
        self.timeoutSeconds = timeoutSeconds
    }
}
