import GatehouseCore
import GatehouseMCP
import Testing

@testable import GatehouseServer

/// What an SSE stream keeps for resumption: the last 256 events, and no more than its byte bound.
struct MCPEventStreamTests {
    /// The sequence numbers a client resuming from the start would get, without waiting for more.
    private func kept(_ stream: MCPEventStream) async -> [Int] {
        stream.finish()
        var seqs: [Int] = []
        for await (seq, _) in stream.follow(after: 0).0 { seqs.append(seq) }
        return seqs
    }

    private func progress(_ text: String) -> RPCMessage {
        .notification(method: "notifications/progress", params: ["progressToken": 1, "message": .string(text)])
    }

    @Test func keepsTheLast256Events() async {
        let stream = MCPEventStream(id: "s")
        for index in 0..<300 { stream.send(progress("event \(index)")) }
        #expect(await kept(stream) == Array(45...300))
    }

    @Test func keepsNoMoreThanItsBytesButAlwaysTheNewest() async {
        let stream = MCPEventStream(id: "s")
        let large = String(repeating: "x", count: MCPEventStream.keptBytes / 3)
        for _ in 0..<5 { stream.send(progress(large)) }
        // Three of these are over the bound; two fit.
        #expect(await kept(stream) == [4, 5])

        let huge = MCPEventStream(id: "h")
        huge.send(progress("small"))
        huge.send(progress(String(repeating: "y", count: MCPEventStream.keptBytes + 1)))
        #expect(await kept(huge) == [2])
    }
}
