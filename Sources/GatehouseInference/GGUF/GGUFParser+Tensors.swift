import GatehouseCore

extension GGUFParser {
    /// Reads one tensor description: name, dimensions, type and offset.
    mutating func tensorInfo(index: UInt64) throws(GatehouseError) -> GGUFTensor {
        let name = try string("name of tensor \(index)", maxLength: limits.maxTensorNameLength)
        let label = "tensor \(ggufExcerpt(name))"
        let dimensionCount = try cursor.u32("dimension count of \(label)")
        guard dimensionCount >= 1, dimensionCount <= limits.maxTensorDimensions else {
            throw cursor.invalid("\(label) has \(dimensionCount) dimensions (1...\(limits.maxTensorDimensions))")
        }
        var dimensions: [Int64] = []
        var elements: Int64 = 1
        for _ in 0..<dimensionCount {
            let raw = try cursor.u64("dimension of \(label)")
            guard let dimension = Int64(exactly: raw) else {
                throw cursor.invalid("\(label) has a dimension too large (\(raw))")
            }
            let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
            guard !overflow else { throw cursor.invalid("\(label) element count overflows") }
            elements = product
            dimensions.append(dimension)
        }
        let typeID = try cursor.u32("type of \(label)")
        guard let type = GGMLType.known(id: typeID) else {
            throw cursor.invalid("\(label) has unknown ggml type \(typeID)")
        }
        guard let bytes = type.dataSize(elementCount: elements, rowLength: dimensions[0]) else {
            throw cursor.invalid(
                "\(label) of type \(type.name): row length \(dimensions[0]) is not a multiple of \(type.blockSize)"
                    + " or its size overflows")
        }
        let offset = try cursor.u64("offset of \(label)")
        return GGUFTensor(
            name: name, dimensions: dimensions, type: type, offset: offset, elementCount: elements,
            byteCount: bytes)
    }

    /// Checks every tensor's data is aligned and lies inside the file; returns total bytes and elements.
    func checkTensorData(
        _ tensors: [GGUFTensor], dataOffset: UInt64, alignment: UInt64
    ) throws(GatehouseError) -> (bytes: Int64, elements: Int64) {
        var bytes: Int64 = 0
        var elements: Int64 = 0
        let fileSize = cursor.source.size
        for tensor in tensors {
            let label = "tensor \(ggufExcerpt(tensor.name))"
            guard tensor.offset % alignment == 0 else {
                throw cursor.invalid("\(label) data offset \(tensor.offset) is not a multiple of \(alignment)")
            }
            guard let start = ggufAdd(dataOffset, tensor.offset),
                let end = ggufAdd(start, UInt64(tensor.byteCount)), end <= fileSize
            else {
                throw cursor.invalid("\(label) data (\(tensor.byteCount) bytes) extends past the end of the file")
            }
            let (sumBytes, overflowBytes) = bytes.addingReportingOverflow(tensor.byteCount)
            let (sumElements, overflowElements) = elements.addingReportingOverflow(tensor.elementCount)
            guard !overflowBytes, !overflowElements else { throw cursor.invalid("total tensor size overflows") }
            bytes = sumBytes
            elements = sumElements
        }
        return (bytes, elements)
    }
}
