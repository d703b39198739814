// ByteBuffer: a growable byte buffer for encoders on hot paths. Appends check capacity with
// one branch and copy with memcpy-class loops, with none of Array's per-call uniqueness
// checks. One owner at a time: a worker fills it, then hands it on (in an EncodedChunk) to
// the thread that writes it; nobody touches it after handing it on.

/// A growable, contiguous byte buffer with a single owner at a time.
public final class ByteBuffer: @unchecked Sendable {
    // One owner at a time (see above), so the dynamic exclusivity checks Swift adds to class
    // properties, measured at 5% of JSON parsing, are switched off for these three.
    @exclusivity(unchecked) @usableFromInline var _base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) @usableFromInline var _count = 0
    @exclusivity(unchecked) @usableFromInline var _capacity: Int

    /// The first byte; valid until the next append.
    public var base: UnsafeMutablePointer<UInt8> { _base }
    public var count: Int { _count }
    public var capacity: Int { _capacity }

    public init(capacity: Int = 64 * 1024) {
        _capacity = max(capacity, 16)
        _base = .allocate(capacity: _capacity)
    }

    deinit { _base.deallocate() }

    /// Makes room for at least `extra` more bytes.
    @inlinable @inline(__always)
    public func reserve(_ extra: Int) {
        if _count + extra > _capacity { grow(to: _count + extra) }
    }

    @usableFromInline func grow(to minimum: Int) {
        var newCapacity = _capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: _base, count: _count)
        _base.deallocate()
        _base = newBase
        _capacity = newCapacity
    }

    @inlinable @inline(__always)
    public func append(_ byte: UInt8) {
        reserve(1)
        _base[_count] = byte
        _count += 1
    }

    @inlinable @inline(__always)
    public func append(_ bytes: UnsafeRawPointer, count n: Int) {
        guard n > 0 else { return }
        reserve(n)
        (_base + _count).update(from: bytes.assumingMemoryBound(to: UInt8.self), count: n)
        _count += n
    }

    public func append(_ bytes: UnsafeRawBufferPointer) {
        if let address = bytes.baseAddress { append(address, count: bytes.count) }
    }

    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    public func append(_ string: StaticString) {
        append(string.utf8Start, count: string.utf8CodeUnitCount)
    }

    /// Appends the UTF-8 bytes of a string.
    public func append(_ string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Space for `n` bytes written directly by the caller, who then calls `commit(n)`.
    @inlinable @inline(__always)
    public func unsafeTail(reserving n: Int) -> UnsafeMutablePointer<UInt8> {
        reserve(n)
        return _base + _count
    }

    /// Counts `n` bytes written through `unsafeTail(reserving:)`.
    @inlinable @inline(__always)
    public func commit(_ n: Int) { _count += n }

    public func removeAll() { _count = 0 }

    /// Drops the bytes after the first `newCount`.
    public func truncate(to newCount: Int) { _count = min(_count, max(0, newCount)) }

    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// A copy of the contents.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
