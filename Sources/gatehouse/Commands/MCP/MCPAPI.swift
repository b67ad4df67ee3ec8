import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// The HTTP client of the `gatehouse mcp` commands: redirects are not followed (the credential
/// goes to the configured server only), connections get ten seconds and a refused one fails at
/// once (not retried until the ten seconds are up), and many may be open at once (the bridge
/// keeps one per call in flight plus the server's stream).
enum MCPHTTP {
    /// The client's configuration.
    static var configuration: HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10)))
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 64
        configuration.connectionPool.retryConnectionEstablishment = false
        return configuration
    }

    /// Runs `body` with a client, and shuts the client down after.
    static func withClient<T>(_ body: (HTTPClient) async throws -> T) async throws -> T {
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await body(http)
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// An error of the client, in words (the request, and so the credential, is never in it).
    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return String(describing: error) }
        return error.localizedDescription
    }
}

/// Calls `/api/v1/mcp/…` with the CLI's credential; error answers (`{"error": {code, message}}`)
/// become their message, as `ServerClient`'s do.
struct MCPAPI {
    /// The server and the credential.
    let client: ServerClient

    /// The most an answer may weigh.
    static let answerLimit = 32 << 20

    /// `GET path?query`.
    func get(_ path: String, query: [(String, String)] = []) async throws -> Data {
        try await send(.GET, path, query: query, body: nil)
    }

    /// `POST path` with a JSON body.
    func post(_ path: String, json body: Data) async throws -> Data {
        try await send(.POST, path, query: [], body: body)
    }

    private func send(_ method: HTTPMethod, _ path: String, query: [(String, String)], body: Data?) async throws
        -> Data
    {
        var components = URLComponents(
            url: client.base.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        guard let url = components?.url else { throw CLIFailure("cannot build a URL from \(client.base)") }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let token = client.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: body))
        }
        return try await MCPHTTP.withClient { http in
            let response: HTTPClientResponse
            do {
                response = try await http.execute(request, timeout: .minutes(10))
            } catch {
                throw CLIFailure("cannot reach \(client.base.absoluteString): \(MCPHTTP.describe(error))")
            }
            let data = Data(buffer: try await response.body.collect(upTo: Self.answerLimit))
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                if let failure = try? JSONDecoder().decode(ServerClient.ErrorBody.self, from: data) {
                    throw CLIFailure("\(failure.error.message) (\(status) \(failure.error.code))")
                }
                throw CLIFailure("the server answered \(status)")
            }
            return data
        }
    }
}
