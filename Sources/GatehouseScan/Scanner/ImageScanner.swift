public import GatehouseCore
public import GatehouseRegistry
import NIOCore

/// Finds the packages of an image by streaming its layers once, bottom first, through the safe
/// tar reader — nothing is written to disk. Only files a cataloger wants are kept (bounded),
/// OCI whiteouts remove lower layers' files, and a later layer's member replaces a kept file at
/// the same path. Go binaries are not kept whole: the bytes after their build-info magic are.
/// Each package is credited to the lowest layer whose files already listed it (at the same
/// version).
public struct ImageScanner: Sendable {
    /// Limits for each layer's tar stream (device nodes are passed over: nothing is made of them).
    public var limits = TarLimits()

    /// A scanner with the default limits.
    public init() { limits.skipDevices = true }

    /// Scans `input`, reporting progress as layers are read.
    public func scan(_ input: ScanInput, progress: (ScanProgress) -> Void = { _ in }) throws -> ScanResult {
        var state = ScanState()
        let total = input.layers.reduce(0) { $0 + $1.size }
        var read: Int64 = 0
        for (index, layer) in input.layers.enumerated() {
            progress(ScanProgress(layer: index, layers: input.layers.count, bytesRead: read, bytesTotal: total))
            var reader = TarReader(limits: limits)
            var capture = LayerCapture(layer: index)
            let expect = layer.verify ? try Digest(parsing: layer.digest) : nil
            try LayerStream.read(
                layer.path, mediaType: layer.mediaType, expect: expect, onRead: { read += Int64($0) },
                { chunk in
                    try reader.read(chunk, content: true) { event in try capture.handle(event, state: &state) }
                    return !reader.finished
                })
            try reader.finish()
            capture.finish(state: &state)
            state.creditLayer(index, digest: layer.digest)
        }
        progress(
            ScanProgress(layer: input.layers.count, layers: input.layers.count, bytesRead: read, bytesTotal: total))
        return state.result(input)
    }
}
