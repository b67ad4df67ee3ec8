import Foundation
import GatehouseStore
import Testing

@Suite struct RandomPoolTests {
    @Test func drawsAreTheSizeAskedAndDoNotRepeat() {
        var seen = Set<[UInt8]>()
        // Well past one 4 KiB refill, and with draws that straddle a refill.
        for count in [16, 8, 5, 4096, 3, 16] + Array(repeating: 16, count: 1_000) {
            let draw = RandomPool.bytes(count)
            #expect(draw.count == count)
            if count >= 8 { #expect(seen.insert(draw).inserted) }
        }
    }

    @Test func bytesAreSpreadOverEveryValue() {
        // 64 KiB of output: every byte value turns up (a stuck or zeroed pool would not).
        var counts = [Int](repeating: 0, count: 256)
        for _ in 0..<16 { for byte in RandomPool.bytes(4096) { counts[Int(byte)] += 1 } }
        #expect(counts.allSatisfy { $0 > 100 })
    }

    @Test func uuidsAreVersion4AndUnique() {
        var seen = Set<UUID>()
        for _ in 0..<10_000 {
            let uuid = RandomPool.uuid()
            #expect(uuid.uuid.6 >> 4 == 4)
            #expect(uuid.uuid.8 >> 6 == 0b10)
            #expect(seen.insert(uuid).inserted)
        }
    }
}
