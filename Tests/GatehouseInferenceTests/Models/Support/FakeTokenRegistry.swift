import Crypto
import Foundation
import GatehouseCore
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

@testable import GatehouseInference

/// A loopback registry that wants bearer tokens: `/v2/…` answers 401 with a challenge pointing
/// at its own `/token`, which hands out a token for basic credentials gatehouse / s3cret.
/// Blobs and manifests are kept in memory; uploads use a relative Location with a query.
final class FakeTokenRegistry: Sendable {
    let channel: any Channel
    let stored = NIOLockedValueBox<[String: [UInt8]]>([:])
    let tokenRequests = NIOLockedValueBox(0)
    var port: Int { channel.localAddress!.port! }

    init() async throws {
        let box = NIOLockedValueBox<FakeTokenRegistry?>(nil)
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(Handler(registry: box))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        box.withLockedValue { $0 = self }
    }

    func shutdown() async throws { try await channel.close() }

    func respond(_ head: HTTPRequestHead, _ body: [UInt8]) -> (HTTPResponseStatus, HTTPHeaders, [UInt8]) {
        let path = String(head.uri.split(separator: "?").first ?? "")
        let query = head.uri.split(separator: "?").dropFirst().first.map(String.init) ?? ""
        if path == "/token" {
            let basic = "Basic " + Data("gatehouse:s3cret".utf8).base64EncodedString()
            guard head.headers.first(name: "Authorization") == basic, query.contains("scope=repository") else {
                return (.unauthorized, [:], [])
            }
            tokenRequests.withLockedValue { $0 += 1 }
            return (.ok, ["Content-Type": "application/json"], Array(#"{"token":"good-token"}"#.utf8))
        }
        guard head.headers.first(name: "Authorization") == "Bearer good-token" else {
            let challenge =
                #"Bearer realm="http://127.0.0.1:\#(port)/token",service="fake",scope="repository:m/x:pull,push""#
            return (.unauthorized, ["WWW-Authenticate": challenge], [])
        }
        switch (head.method, path) {
        case (.HEAD, _) where path.contains("/blobs/"):
            return (stored.withLockedValue { $0[path] } == nil ? .notFound : .ok, [:], [])
        case (.POST, "/v2/m/x/blobs/uploads/"):
            return (.accepted, ["Location": "/v2/m/x/blobs/uploads/u1?_state=abc"], [])
        case (.PUT, "/v2/m/x/blobs/uploads/u1"):
            guard query.hasPrefix("_state=abc&digest=sha256%3A") else { return (.badRequest, [:], []) }
            let hex = String(query.dropFirst("_state=abc&digest=sha256%3A".count))
            guard OCIDigest.of(body).hex == hex else { return (.badRequest, [:], []) }
            stored.withLockedValue { $0["/v2/m/x/blobs/sha256:" + hex] = body }
            return (.created, [:], [])
        case (.PUT, _) where path.hasPrefix("/v2/m/x/manifests/"):
            stored.withLockedValue { $0[path] = body }
            return (.created, ["Docker-Content-Digest": OCIDigest.of(body).description], [])
        default:
            return (.notFound, [:], [])
        }
    }

    final class Handler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let registry: NIOLockedValueBox<FakeTokenRegistry?>
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(registry: NIOLockedValueBox<FakeTokenRegistry?>) { self.registry = registry }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head, let registry = registry.withLockedValue({ $0 }) else { return }
                let (status, headers, bytes) = registry.respond(head, body)
                var all = headers
                all.add(name: "Content-Length", value: "\(bytes.count)")
                context.write(
                    wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: all))),
                    promise: nil)
                if !bytes.isEmpty {
                    context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes)))), promise: nil)
                }
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            }
        }
    }
}
