public import Foundation

/// What a command run in the workspace's sandbox produced.
public struct CommandResult: Sendable, Hashable {
    /// The exit status (124 for a timeout, 128 + N for signal N).
    public var exitStatus: Int32
    /// Standard output, cut at the runner's limit.
    public var stdout: Data
    /// Standard error, cut at the runner's limit.
    public var stderr: Data
    /// Whether either stream was cut.
    public var truncated: Bool

    /// Creates a result.
    public init(exitStatus: Int32, stdout: Data, stderr: Data, truncated: Bool = false) {
        self.exitStatus = exitStatus
        self.stdout = stdout
        self.stderr = stderr
        self.truncated = truncated
    }
}

/// Runs commands for the `filesystem`, `shell` and `script` toolsets in a sandbox bound to the
/// session's workspace: only the workspace writable, no network, an empty environment plus
/// `environment`. The server's runner decides each start by policy (`sandbox.start`) and
/// records it.
public protocol WorkspaceRunner: Sendable {
    /// The workspace's path on the host.
    var workspace: String { get }
    /// Runs `command` (argv) in the sandbox, in `workingDirectory` (relative to the workspace;
    /// nil for its root), with `input` on standard input.
    func run(
        _ command: [String], input: Data?, environment: [String: String], workingDirectory: String?,
        timeout: Duration
    ) async throws -> CommandResult
}

/// What a fetch through the egress proxy brought back.
public struct FetchedPage: Sendable, Hashable {
    /// The HTTP status.
    public var status: Int
    /// The `Content-Type`, when given.
    public var contentType: String?
    /// The body, cut at the fetcher's limit.
    public var body: Data

    /// Creates a page.
    public init(status: Int, contentType: String?, body: Data) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }
}

/// Fetches URLs for the `fetch` toolset through Gatehouse's egress rules: each host is
/// `egress.connect` on `host:port`, decided by policy and recorded, before anything is sent.
public protocol WebFetcher: Sendable {
    /// Fetches `url` (http or https) with GET.
    func fetch(_ url: String, timeout: Duration) async throws -> FetchedPage
}
