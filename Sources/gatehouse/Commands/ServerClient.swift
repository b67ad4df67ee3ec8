import ArgumentParser
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Where CLI commands that talk to a server find it and their credential: `--server`, then
/// `GATEHOUSE_SERVER` / `GATEHOUSE_TOKEN`, then `~/.config/gatehouse/credentials`
/// (`{"server": "...", "token": "..."}`, mode 0600), then `http://127.0.0.1:8080`.
struct ServerOptions: ParsableArguments {
    @Option(
        help: "The Gatehouse server URL (default: GATEHOUSE_SERVER, the credentials file, or http://127.0.0.1:8080).")
    var server: String?

    struct Credentials: Codable {
        var server: String?
        var token: String?
    }

    static var credentialsPath: String {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.config")
        return base + "/gatehouse/credentials"
    }

    /// The stored credentials; refused when other users could read them.
    static func storedCredentials() throws -> Credentials? {
        let path = credentialsPath
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw CLIFailure("\(path) is readable by other users; run chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path),
            let credentials = try? JSONDecoder().decode(Credentials.self, from: data)
        else { throw CLIFailure("\(path) is not a valid credentials file") }
        return credentials
    }

    func client(requireToken: Bool = true) throws -> ServerClient {
        // An empty variable counts as unset.
        let environment = ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty }
        let stored = try Self.storedCredentials()
        let base = server ?? environment["GATEHOUSE_SERVER"] ?? stored?.server ?? "http://127.0.0.1:8080"
        guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw CLIFailure("--server must be an http:// or https:// URL")
        }
        let token = environment["GATEHOUSE_TOKEN"] ?? stored?.token
        guard token != nil || !requireToken else {
            throw CLIFailure("no credential: run gatehouse login, or set GATEHOUSE_TOKEN")
        }
        return ServerClient(base: url, token: token)
    }
}

/// Calls the Gatehouse API; server errors become their `{"error": {message}}` text.
struct ServerClient {
    let base: URL
    let token: String?

    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            let code: String
            let message: String
        }
        let error: Detail
    }

    func call(_ method: String, _ path: String, body: (any Encodable)? = nil) async throws -> Data {
        try await send(method, path, body: body).data
    }

    /// The body and status of a call whose 2xx statuses mean different things.
    func send(_ method: String, _ path: String, body: (any Encodable)? = nil) async throws -> (data: Data, status: Int)
    {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = try JSONEncoder().encode(body)
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw CLIFailure("cannot reach \(base.absoluteString): \(error.localizedDescription)")
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else { throw Self.failure(data, status: status) }
        return (data, status)
    }

    /// The failure a server's error answer means: Gatehouse's `{"error": {code, message}}`, or
    /// the Ollama-compatible API's `{"error": "message"}`.
    static func failure(_ data: Data, status: Int) -> CLIFailure {
        if let failure = try? JSONDecoder().decode(ErrorBody.self, from: data) {
            return CLIFailure("\(failure.error.message) (\(status) \(failure.error.code))")
        }
        if let failure = try? JSONDecoder().decode([String: String].self, from: data), let message = failure["error"] {
            return CLIFailure("\(message) (\(status))")
        }
        return CLIFailure("the server answered \(status)")
    }
}
