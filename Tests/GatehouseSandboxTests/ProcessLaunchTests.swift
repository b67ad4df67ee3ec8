import Foundation
import GatehouseTestSupport
import Testing

/// The workaround for Foundation's `Process.run()` over-read is in place: glibc now serves a
/// directory buffer's size (32 KiB plus headers) from a mapping of its own, page-rounded, so
/// the 256 bytes read past its end stay mapped.
@Suite struct ProcessLaunchTests {
    @Test func directoryBufferSizedAllocationsAreMappedWithSlack() throws {
        #expect(ProcessLaunch.mappedDirectoryBuffers)
        let size = 32_768 + 48  // glibc's readdir buffer and its DIR header
        let pointer = try #require(malloc(size))
        defer { free(pointer) }
        // glibc's chunk header sits just before the pointer: size with flag bits, bit 1 = mmapped.
        let header = pointer.load(fromByteOffset: -MemoryLayout<Int>.size, as: UInt.self)
        #expect(header & 0x2 != 0, "allocated from the heap, not a mapping of its own")
        let chunk = Int(header & ~UInt(0x7))
        #expect(chunk - size >= 256 + 2 * MemoryLayout<Int>.size, "slack after the buffer: \(chunk - size)")
    }
}
