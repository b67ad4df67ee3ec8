import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One endpoint of the latency run: an OpenAI-compatible base URL (`…/v1`), its bearer token and
/// the model name to ask for.
struct Target: Sendable {
    var name: String
    var baseURL: String
    var token: String?
    var model: String
}

/// What one timed phase against one target gave.
struct LoadResult: Sendable {
    /// Latency of every successful request (status 200, body read to the end).
    var latencies: [Duration]
    var errors: Int
    /// Wall time from the start of the phase until the last client stopped.
    var elapsed: Duration
    /// The first failure, for the log.
    var firstError: String?
}

/// Closed-loop load: `concurrency` clients, each sending the same small chat completion back to
/// back over its own keep-alive connection until the phase's deadline.
enum LoadGenerator {
    /// A warm-up phase (discarded), then the measured phase, on one HTTP client whose pool holds
    /// one connection per client.
    static func run(
        target: Target, concurrency: Int, warmup: Duration, duration: Duration
    ) async throws -> LoadResult {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(
            idleTimeout: .seconds(120), concurrentHTTP1ConnectionsPerHostSoftLimit: concurrency)
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let request = chatRequest(target)
        do {
            _ = await phase(client: client, request: request, concurrency: concurrency, duration: warmup)
            let result = await phase(client: client, request: request, concurrency: concurrency, duration: duration)
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// `POST <base>/chat/completions` with a fixed two-message, non-streaming body.
    static func chatRequest(_ target: Target) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: target.baseURL + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        if let token = target.token {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        let body =
            #"{"model":"\#(target.model)","messages":[{"role":"system","content":"You are terse."},"#
            + #"{"role":"user","content":"Say hello."}],"max_tokens":16,"temperature":0}"#
        request.body = .bytes(ByteBuffer(string: body))
        return request
    }

    private static func phase(
        client: HTTPClient, request: HTTPClientRequest, concurrency: Int, duration: Duration
    ) async -> LoadResult {
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = start + duration
        var result = LoadResult(latencies: [], errors: 0, elapsed: .zero)
        await withTaskGroup(of: LoadResult.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var own = LoadResult(latencies: [], errors: 0, elapsed: .zero)
                    own.latencies.reserveCapacity(16_384)
                    while clock.now < deadline {
                        let sent = clock.now
                        do {
                            let response = try await client.execute(request, timeout: .seconds(60))
                            let body = try await response.body.collect(upTo: 4 << 20)
                            if response.status == .ok {
                                own.latencies.append(clock.now - sent)
                            } else {
                                own.errors += 1
                                own.firstError =
                                    own.firstError ?? "HTTP \(response.status.code): \(String(buffer: body))"
                            }
                        } catch {
                            own.errors += 1
                            own.firstError = own.firstError ?? "\(error)"
                        }
                    }
                    return own
                }
            }
            for await own in group {
                result.latencies += own.latencies
                result.errors += own.errors
                result.firstError = result.firstError ?? own.firstError
            }
        }
        result.elapsed = clock.now - start
        return result
    }
}
