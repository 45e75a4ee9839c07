namespace IntelGraph.Migration.Export;

/// <summary>
/// What the text readers share about decoding. They decode UTF-8 with replacement, so bytes that are not valid
/// UTF-8 become U+FFFD instead of stopping the read, and a record that contains U+FFFD is reported unparsable.
/// </summary>
/// <remarks>
/// A file can also contain U+FFFD as valid UTF-8 (EF BF BD), which is reported the same way. The character only
/// appears in data that was already damaged once, so a person should look at such a record anyway.
/// </remarks>
internal static class DecodedText
{
    public const char ReplacementCharacter = '\uFFFD';

    /// <summary>U+FEFF, which only belongs at the very start of a file; inside a record it usually means two files were joined.</summary>
    public const char ByteOrderMark = '\uFEFF';

    public const string ByteOrderMarkDetail =
        "The record contains U+FEFF, a byte-order mark, which belongs only at the start of a file; it would become part of a value such as an id. Remove it and run the migration again.";

    public const string InvalidUtf8Detail =
        "The record contains U+FFFD, the replacement character, which means the file has bytes here that are not valid UTF-8.";
}
