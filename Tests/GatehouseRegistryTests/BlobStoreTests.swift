import Foundation
import GatehouseCore
import NIOCore
import Testing

@testable import GatehouseRegistry

/// The cache keeps only verified, complete blobs, and stays within its bound.
@Suite struct BlobStoreTests {
    static func store(maxBytes: Int64 = 1 << 30) throws -> BlobStore {
        try BlobStore(
            root: NSTemporaryDirectory() + "gatehouse-blobs-" + UUID().uuidString.prefix(8), maxBytes: maxBytes)
    }

    static func leftovers(_ store: BlobStore) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: store.root + "/tmp")) ?? []
    }

    /// Chunks that end with an error, like a connection cut mid-blob.
    struct CutOff: AsyncSequence, Sendable {
        typealias Element = ByteBuffer
        let chunks: [ByteBuffer]
        struct AsyncIterator: AsyncIteratorProtocol {
            var chunks: [ByteBuffer]
            mutating func next() async throws -> ByteBuffer? {
                guard !chunks.isEmpty else { throw CancellationError() }
                return chunks.removeFirst()
            }
        }
        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(chunks: chunks) }
    }

    @Test func verifiedBlobsAreKeptAndWrongOnesAreNot() async throws {
        let store = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        let bytes = Data("layer bytes".utf8)
        let digest = Digest.sha256(of: bytes)
        let path = try await store.put(digest, bytes: bytes)
        #expect(FileManager.default.contents(atPath: path) == bytes)
        #expect(await store.path(of: digest) == path)

        let other = Digest.sha256(of: Array("something else".utf8))
        await #expect(throws: GatehouseError.self) { try await store.put(other, bytes: bytes) }
        #expect(await store.path(of: other) == nil)
        // More bytes than announced is refused as it arrives.
        await #expect(throws: GatehouseError.self) {
            try await store.put(digest, size: 3, from: SingleChunk(bytes: ByteBuffer(bytes: bytes)))
        }
        #expect(Self.leftovers(store).isEmpty)
        #expect(await store.size == Int64(bytes.count))
    }

    @Test func aBlobCutOffMidwayLeavesNothing() async throws {
        let store = try Self.store()
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        let digest = Digest.sha256(of: Array("full content".utf8))
        await #expect(throws: GatehouseError.self) {
            try await store.put(digest, size: 12, from: CutOff(chunks: [ByteBuffer(string: "full")]))
        }
        #expect(await store.path(of: digest) == nil)
        #expect(Self.leftovers(store).isEmpty)
    }

    @Test func theLeastRecentlyUsedBlobsGoPastTheBound() async throws {
        let store = try Self.store(maxBytes: 250)
        defer { try? FileManager.default.removeItem(atPath: store.root) }
        var digests: [Digest] = []
        for index in 0..<3 {
            let bytes = Data(repeating: UInt8(index), count: 100)
            digests.append(Digest.sha256(of: bytes))
            _ = try await store.put(digests[index], bytes: bytes)
            if index == 1 {
                // The first is used again, so the second is now the least recently used.
                let second = try #require(await store.path(of: digests[1]))
                var old = [timespec(tv_sec: 1, tv_nsec: 0), timespec(tv_sec: 1, tv_nsec: 0)]
                utimensat(AT_FDCWD, second, &old, 0)
                #expect(await store.path(of: digests[0]) != nil)  // a read refreshes its use time
            }
        }
        #expect(await store.size <= 250)
        #expect(await store.path(of: digests[1]) == nil)
        #expect(await store.path(of: digests[0]) != nil)
        #expect(await store.path(of: digests[2]) != nil)
    }

    @Test func concurrentFetchesOfOneKeyShareOneRun() async throws {
        let inflight = Inflight<String, Int>()
        let runs = Counter()
        let gate = AsyncStream<Void>.makeStream()
        async let first = inflight.run("blob") {
            runs.increment()
            for await _ in gate.stream { break }
            return 7
        }
        // The second caller joins while the first is still running.
        while runs.value == 0 { await Task.yield() }
        async let second = inflight.run("blob") {
            runs.increment()
            return 8
        }
        while await inflight.joined["blob"] != 1 { await Task.yield() }
        gate.continuation.yield()
        let results = try await [first, second]
        #expect(results == [7, 7])
        #expect(runs.value == 1)
    }
}

/// A thread-safe counter for tests.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
