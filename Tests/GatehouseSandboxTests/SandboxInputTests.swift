import Foundation
import GatehouseCore
import Synchronization
import Testing

@testable import GatehouseSandbox

/// The sandbox's standard input over a plain pipe: order, a full pipe, a reader that goes away.
@Suite struct SandboxInputTests {
    /// A pipe whose write end the input owns; returns the read end.
    private func attached(_ input: SandboxInput) throws -> Int32 {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        input.attach(ends[1])
        return ends[0]
    }

    /// Reads until end of file.
    private func readAll(_ descriptor: Int32) async -> Data {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var data = Data()
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while true {
                    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { break }
                    data.append(contentsOf: buffer[0..<count])
                }
                close(descriptor)
                continuation.resume(returning: data)
            }
        }
    }

    @Test func postedAndWrittenChunksArriveInOrderPastAFullPipe() async throws {
        let input = SandboxInput()
        let reader = try attached(input)
        // Far more than a pipe holds (64 KiB), posted before anyone reads: the first chunks go
        // straight into the pipe, the rest queue behind it, in order.
        var expected = Data()
        let failures = Mutex(0)
        for index in 0..<64 {
            let chunk = Data(String(repeating: "\(index % 10)", count: 4_000).utf8) + Data("\n".utf8)
            expected.append(chunk)
            input.post(chunk) { _ in failures.withLock { $0 += 1 } }
        }
        #expect(input.state.withLock { !$0.pending.isEmpty })
        let received = Task { await readAll(reader) }
        // A write queues behind the posts and returns once it is in the pipe.
        let last = Data("last\n".utf8)
        expected.append(last)
        try await input.write(last)
        input.close()
        let data = await received.value
        #expect(data.count == expected.count)
        #expect(data == expected)
        #expect(failures.withLock { $0 } == 0)
    }

    @Test func aPostToAReaderThatIsGoneReportsItAndLaterWritesFail() async throws {
        let input = SandboxInput()
        let reader = try attached(input)
        close(reader)
        let reason = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            input.post(Data("lost\n".utf8)) { continuation.resume(returning: $0) }
        }
        #expect(reason == "the sandbox stopped reading its input")
        await #expect(throws: GatehouseError.self) { try await input.write(Data("late\n".utf8)) }
    }

    @Test func aPostAfterTheEndFailsAtOnce() {
        let input = SandboxInput()
        input.finish()
        let reason = Mutex<String?>(nil)
        input.post(Data("x".utf8)) { text in reason.withLock { $0 = text } }
        #expect(reason.withLock { $0 } == "the sandbox has ended")
    }
}
