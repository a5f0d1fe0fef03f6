/// PostgreSQL's text form of a WAL position.
public enum LSN {
    /// Formats `lsn` as PostgreSQL prints it: high and low 32 bits in upper-case hex, `0/3000028`.
    public static func format(_ lsn: Int64) -> String {
        let value = UInt64(bitPattern: lsn)
        return String(value >> 32, radix: 16, uppercase: true) + "/" + String(value & 0xFFFF_FFFF, radix: 16, uppercase: true)
    }
}
