import SpecParser

extension MediaType {
    /// ``MediaType/essence(of:)``, but the content type itself when it is
    /// already its own essence (no capitals, parameters, spaces or tabs), as
    /// nearly every content type in a spec is: the essence is asked for each
    /// body and response again and again, and building it byte by byte into
    /// a new string cost more than all the rest of reading a body's media.
    static func cheapEssence(of contentType: String) -> String {
        let isEssence = contentType.utf8.allSatisfy { byte in
            byte != UInt8(ascii: ";") && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t")
                && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        }
        return isEssence ? contentType : essence(of: contentType)
    }
}
