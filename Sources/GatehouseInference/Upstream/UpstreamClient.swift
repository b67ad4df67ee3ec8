public import AsyncHTTPClient
public import Foundation
import GatehouseCore
import NIOCore
import NIOHTTP1

/// Sends one OpenAI-compatible request to an endpoint and hands back the answer's head and
/// streaming body. Failures become Gatehouse errors that name the endpoint and never its key.
public struct UpstreamClient: Sendable {
    /// The largest error body read from an upstream, to quote its message.
    static let errorBodyLimit = 64 * 1024

    let http: HTTPClient

    /// A client over `http`.
    public init(http: HTTPClient) {
        self.http = http
    }

    /// POSTs `body` (JSON) to `path` (such as `/chat/completions`) under the endpoint's base;
    /// returns the response when its status is 2xx, throws otherwise.
    public func post(
        _ path: String, body: Data, to endpoint: UpstreamEndpoint, traceparent: String? = nil
    ) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: endpoint.baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json, text/event-stream")
        if let key = endpoint.apiKey { request.headers.add(name: "Authorization", value: "Bearer " + key) }
        if let traceparent { request.headers.add(name: "traceparent", value: traceparent) }
        request.body = .bytes(ByteBuffer(bytes: body))
        return try await send(request, to: endpoint)
    }

    /// GETs `path` under the endpoint's base (model lists, health).
    public func get(_ path: String, from endpoint: UpstreamEndpoint) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: endpoint.baseURL + path)
        if let key = endpoint.apiKey { request.headers.add(name: "Authorization", value: "Bearer " + key) }
        return try await send(request, to: endpoint)
    }

    private func send(_ request: HTTPClientRequest, to endpoint: UpstreamEndpoint) async throws -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .nanoseconds(endpoint.timeout.nanoseconds))
        } catch {
            throw Self.unreachable(endpoint, error)
        }
        guard (200..<300).contains(response.status.code) else {
            let text = try? await response.body.collect(upTo: Self.errorBodyLimit)
            throw UpstreamFailure.error(
                status: Int(response.status.code), body: text.map { Data($0.readableBytesView) }, endpoint: endpoint)
        }
        return response
    }

    static func unreachable(_ endpoint: UpstreamEndpoint, _ error: any Error) -> GatehouseError {
        let what = error is HTTPClientError ? "\(error)" : "\(type(of: error))"
        return endpoint.isLocal
            ? GatehouseError(.engineUnavailable, "the engine of \(endpoint.name) did not answer (\(what))")
            : GatehouseError(.upstreamFailed, "the upstream \(endpoint.name) could not be reached (\(what))")
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled &+ attoseconds / 1_000_000_000
    }
}
