import Foundation
import GatehouseAgents
import GatehouseCore
import GatehouseSandbox
import GatehouseStore

/// The `fetch` toolset through Gatehouse's egress proxy: each fetch is `curl` in a sandbox of
/// its own whose only network is the proxy, allowed to reach exactly the URL's host and port.
/// The proxy decides the connection by policy (`egress.connect` on `host:port`), records it,
/// and injects configured credentials, so nothing of them reaches the agent.
struct SandboxFetcher: WebFetcher {
    /// The most bytes of a body kept.
    static let bodyLimit = 2 << 20

    let spine: Spine
    let manager: SandboxManager
    let caller: Caller
    let traceID: String
    let credentials: [EgressCredential]
    let secrets: SecretResolver

    func fetch(_ url: String, timeout: Duration) async throws -> FetchedPage {
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = parsed.host, !host.isEmpty
        else { throw GatehouseError(.badRequest, "only http and https URLs can be fetched") }
        let port = parsed.port ?? (scheme == "https" ? 443 : 80)
        let seconds = max(1, min(300, Int(timeout.components.seconds)))
        // The body to a file, then the status line, then the body: one stream to read.
        let script =
            "curl -sS --max-redirs 0 --max-time \(seconds) --max-filesize \(Self.bodyLimit) -o /tmp/body -w '%{http_code} %{content_type}' -- \"$1\" > /tmp/meta || exit $?; cat /tmp/meta; printf '\\n'; head -c \(Self.bodyLimit) /tmp/body"
        var spec = SandboxSpec(command: ["/bin/sh", "-c", script, "fetch", url])
        spec.network = .proxy(allow: [try HostRule(parsing: "\(host):\(port)")])
        spec.limits.wallSeconds = seconds + 5
        let gate = EgressGate(
            spine: spine, caller: caller, traceID: traceID, credentials: credentials, secrets: secrets)
        let output = try await SandboxCommand(spine: spine, manager: manager, caller: caller, traceID: traceID).run(
            spec, payload: PayloadDigest(parameters: ["fetch": String(url.prefix(512))]),
            stdoutLimit: Self.bodyLimit + 4096, stderrLimit: 4096, egress: { await gate.decide($0) })
        guard output.exitStatus == 0, let newline = output.stdout.firstIndex(of: 0x0A) else {
            let why = String(decoding: output.stderr.prefix(300), as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            throw GatehouseError(.badRequest, "fetching \(host) failed\(why.isEmpty ? "" : ": " + why)")
        }
        let meta = String(decoding: output.stdout[..<newline], as: UTF8.self).split(separator: " ", maxSplits: 1)
        let status = Int(meta.first ?? "") ?? 0
        let type = meta.count > 1 ? String(meta[1]) : nil
        return FetchedPage(status: status, contentType: type, body: Data(output.stdout[(newline + 1)...]))
    }
}
