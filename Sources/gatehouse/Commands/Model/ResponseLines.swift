import AsyncHTTPClient
import Foundation
import GatehouseCore
import NIOCore

/// The JSON objects of a JSON-lines response body, one per line.
struct JSONLines: AsyncSequence {
    typealias Element = JSONValue
    let body: HTTPClientResponse.Body

    init(_ body: HTTPClientResponse.Body) { self.body = body }

    func makeAsyncIterator() -> Iterator { Iterator(lines: LineReader(body)) }

    struct Iterator: AsyncIteratorProtocol {
        var lines: LineReader
        mutating func next() async throws -> JSONValue? {
            while let line = try await lines.next() {
                if line.isEmpty { continue }
                guard let value = JSONValue.parse(Data(line.utf8)) else {
                    throw CLIFailure("the server sent a line that is not JSON")
                }
                return value
            }
            return nil
        }
    }
}

/// The `data:` payloads of a server-sent events body, ending at `[DONE]`.
struct EventLines {
    var lines: LineReader

    init(_ body: HTTPClientResponse.Body) { lines = LineReader(body) }

    mutating func next() async throws -> String? {
        while let line = try await lines.next() {
            guard line.hasPrefix("data:") else { continue }
            let data = line.dropFirst(5).trimmingCharacters(in: .whitespaces)
            return data == "[DONE]" ? nil : data
        }
        return nil
    }
}

/// Lines of a streamed body (at most 16 MiB each).
struct LineReader {
    var iterator: HTTPClientResponse.Body.AsyncIterator
    var pending: [UInt8] = []
    var ended = false

    init(_ body: HTTPClientResponse.Body) { iterator = body.makeAsyncIterator() }

    mutating func next() async throws -> String? {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                var line = Array(pending[..<newline])
                pending.removeFirst(newline + 1)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            if ended {
                guard !pending.isEmpty else { return nil }
                defer { pending = [] }
                return String(decoding: pending, as: UTF8.self)
            }
            guard let buffer = try await iterator.next() else {
                ended = true
                continue
            }
            pending.append(contentsOf: buffer.readableBytesView)
            guard pending.count <= 16 << 20 else { throw CLIFailure("the server sent a line over 16 MiB") }
        }
    }
}
