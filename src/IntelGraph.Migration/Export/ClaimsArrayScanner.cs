using System.Buffers;

namespace IntelGraph.Migration.Export;

/// <summary>
/// Splits a file that contains one JSON array into the raw bytes of its top-level elements without parsing them.
/// The caller feeds the file in chunks through <see cref="GetBuffer"/> and <see cref="Advance"/>, so memory
/// stays at about one chunk plus the largest element, whatever the file's size.
/// </summary>
/// <remarks>
/// The scanner tracks only what delimits elements: string and escape state, and the nesting of brackets.
/// Whether an element is valid JSON is for the caller to check. When an element is structurally broken (a
/// closing bracket of the wrong kind, a line break inside a string, or a new element starting on a line of
/// its own before the current one is closed), the scanner resynchronises at the next line that starts with
/// <c>{</c> at the indentation of the file's elements. It learns that indentation from the first well-formed
/// object that starts a line and whose inner lines, if any, are indented deeper, as pretty-printers and
/// one-claim-per-line writers produce. Minified files give no such anchor, so a broken element there runs to
/// the end of the file, and an element larger than the limit keeps only its first bytes.
/// Line breaks are LF, CRLF or a lone CR, counted the way the CSV readers count them.
/// </remarks>
internal sealed partial class ClaimsArrayScanner
{
    // Deeper elements are still delimited by depth, but their bracket kinds are not checked.
    private const int MaxTrackedDepth = 64;

    private static readonly SearchValues<byte> _stringStops = SearchValues.Create("\"\\\n\r"u8);
    private static readonly SearchValues<byte> _structuralStops = SearchValues.Create("\"{}[],\n\r"u8);
    private static readonly SearchValues<byte> _lineBreaks = SearchValues.Create("\n\r"u8);

    private readonly int _maxElementBytes;
    private byte[] _buffer;

    // _position is the next byte to scan and _end the end of the data read so far.
    private int _position;
    private int _end;
    private bool _isCompleted;
    private bool _bomChecked;
    private State _state = State.BeforeArray;

    private long _line = 1;
    private bool _lineFeedMayFollow;
    private bool _atLineStart = true;
    private int _indent;
    private int _layoutIndent = -1;

    private int _elementStart;
    private long _elementLine;
    private int _elementIndent;
    private bool _elementIsObject;
    private int _innerIndent;
    private int _depth;
    private ulong _arrayLevels;
    private bool _inString;
    private bool _escaped;
    private string? _problem;
    private byte[]? _keptPrefix;

    public ClaimsArrayScanner(int chunkBytes, int maxElementBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxElementBytes, 1);

        _buffer = new byte[chunkBytes];
        _maxElementBytes = maxElementBytes;
    }

    private enum State
    {
        BeforeArray,
        BetweenElements,
        InElement,
        Resynchronizing,
        AfterArray,
        TrailingContent,
        Finished,
    }

    private enum Step
    {
        Continue,
        NeedMoreData,
        Produced,
    }

    /// <summary>True once the end of the file was reached and every element has been returned.</summary>
    public bool IsFinished => _state == State.Finished;

    /// <summary>Returns free space at the end of the buffer for the next read, first dropping or moving bytes no longer needed.</summary>
    public Memory<byte> GetBuffer()
    {
        if (_end == _buffer.Length)
        {
            MakeRoom();
        }

        return _buffer.AsMemory(_end);
    }

    /// <summary>Records that <paramref name="count"/> bytes were read into the space from <see cref="GetBuffer"/>.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _end);

        _end += count;

        // A CR at the end of the previous chunk may be the first half of a CRLF.
        if (_lineFeedMayFollow && count > 0)
        {
            _lineFeedMayFollow = false;
            if (_buffer[_position] == (byte)'\n')
            {
                _position++;
            }
        }
    }

    /// <summary>Records that the file has no more bytes.</summary>
    public void Complete()
    {
        _isCompleted = true;
        _lineFeedMayFollow = false;
    }

    /// <summary>
    /// Returns the next element when the bytes read so far contain all of it. Returns false when more bytes are
    /// needed or, once <see cref="IsFinished"/> is true, when the file has no more elements.
    /// </summary>
    public bool TryReadElement(out ScannedElement element)
    {
        while (true)
        {
            element = default;
            if (_position == _end)
            {
                return _isCompleted && TryFinish(out element);
            }

            var step = _state switch
            {
                State.BeforeArray => ScanBeforeArray(),
                State.BetweenElements => ScanBetweenElements(),
                State.InElement => ScanElement(out element),
                State.Resynchronizing => ScanForResynchronization(out element),
                State.AfterArray => ScanAfterArray(),
                _ => SkipToEnd(),
            };

            if (step == Step.Produced)
            {
                return true;
            }

            if (step == Step.NeedMoreData)
            {
                if (!_isCompleted)
                {
                    return false;
                }

                // The last partial token is all there is, so scan it as the file's end.
                _position = _end;
            }
        }
    }

    private bool TryFinish(out ScannedElement element)
    {
        element = default;
        switch (_state)
        {
            case State.BeforeArray:
                element = new ScannedElement([], _line, "The file contains no JSON array, but a claims file must be one JSON array of claim objects.");
                break;

            case State.BetweenElements:
                element = new ScannedElement([], _line, "The file ends before the ']' that closes the top-level array, so it may have been cut off.");
                break;

            case State.InElement when _inString || _escaped || _depth > 0:
                element = EndElement(_end, "The file ends inside this element, so the element is incomplete.");
                break;

            case State.InElement:
                // A complete element with no ']' after it: return it now and report the missing ']' next.
                element = EndElement(_end);
                _state = State.BetweenElements;
                return true;

            case State.Resynchronizing:
                element = EndElement(EndBeforeClosingBracket(), _problem);
                break;

            case State.TrailingContent:
                element = EndElement(_end, _problem);
                break;

            default:
                _state = State.Finished;
                return false;
        }

        _state = State.Finished;
        return true;
    }

    private void StartElement(int indent)
    {
        _state = State.InElement;
        _atLineStart = false;
        _elementStart = _position;
        _elementLine = _line;
        _elementIndent = indent;
        _elementIsObject = _buffer[_position] == (byte)'{';
        _innerIndent = int.MaxValue;
        _depth = 0;
        _arrayLevels = 0;
        _inString = false;
        _escaped = false;
        _problem = null;
        _keptPrefix = null;
    }

    private void StartTrailingContent(string problem)
    {
        StartElement(-1);
        _problem = problem;
        _state = State.TrailingContent;
    }

    private void Open(byte bracket)
    {
        if (_depth < MaxTrackedDepth)
        {
            var bit = 1UL << _depth;
            _arrayLevels = bracket == (byte)'[' ? _arrayLevels | bit : _arrayLevels & ~bit;
        }

        _depth++;
    }

    private void Close(byte bracket)
    {
        _depth--;
        if (_depth < MaxTrackedDepth)
        {
            var opensArray = (_arrayLevels & (1UL << _depth)) != 0;
            if (opensArray != (bracket == (byte)']'))
            {
                Break($"The '{(char)bracket}' on line {_line} closes a '{(opensArray ? '[' : '{')}'.");
                return;
            }
        }

        _position++;
    }

    /// <summary>Marks the current element as broken and looks for the next element on a later line.</summary>
    private void Break(string problem)
    {
        _problem = problem;
        _state = State.Resynchronizing;
        _atLineStart = false;
        _inString = false;
        _escaped = false;
    }

    /// <summary>Copies the current element, which ends before <paramref name="endExclusive"/>, and clears its state.</summary>
    private ScannedElement EndElement(int endExclusive, string? problem = null)
    {
        // A well-formed object on a line of its own whose inner lines, if any, are indented deeper fixes the layout.
        if (problem is null && _elementIsObject && _elementIndent >= 0 && _layoutIndent < 0 && _innerIndent > _elementIndent)
        {
            _layoutIndent = _elementIndent;
        }

        if (_keptPrefix is not null)
        {
            var tooLarge = $"is larger than {_maxElementBytes} bytes, so only its first {_maxElementBytes} bytes are kept and the rest runs to line {_line}.";
            var detail = problem is null ? $"The element {tooLarge}" : $"{problem.TrimEnd('.')}, and the element {tooLarge}";
            return new ScannedElement(_keptPrefix, _elementLine, detail);
        }

        var bytes = _buffer.AsSpan(_elementStart, endExclusive - _elementStart);
        bytes = bytes[..(bytes.LastIndexOfAnyExcept(" \t\r\n"u8) + 1)];
        if (problem is not null && bytes.EndsWith(","u8))
        {
            // A broken element ends where the next one starts, so the comma between them is not part of it.
            bytes = bytes[..^1].TrimEnd(" \t\r\n"u8);
        }

        return new ScannedElement(bytes.ToArray(), _elementLine, problem);
    }

    /// <summary>Returns where a broken last element ends, leaving out the file's final ']' that closes the array.</summary>
    private int EndBeforeClosingBracket()
    {
        if (_keptPrefix is not null)
        {
            return _end;
        }

        var data = _buffer.AsSpan(_elementStart, _end - _elementStart);
        var last = data.LastIndexOfAnyExcept(" \t\r\n"u8);
        return last >= 0 && data[last] == (byte)']' ? _elementStart + last : _end;
    }

    private void MakeRoom()
    {
        var keepFrom = FirstNeededByte();
        var needed = _end - keepFrom;
        if (needed >= _maxElementBytes && _keptPrefix is null)
        {
            // Keep the element's first bytes for the quarantine entry and let the rest pass through.
            _keptPrefix = _buffer.AsSpan(_elementStart, _maxElementBytes).ToArray();
            keepFrom = _position;
            needed = _end - keepFrom;
        }

        if (needed > _buffer.Length / 2)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        if (keepFrom > 0)
        {
            _buffer.AsSpan(keepFrom, needed).CopyTo(_buffer);
            _position -= keepFrom;
            _end -= keepFrom;
            _elementStart -= keepFrom;
        }
    }

    private int FirstNeededByte()
    {
        var inElement = _state is State.InElement or State.Resynchronizing or State.TrailingContent;
        return inElement && _keptPrefix is null ? _elementStart : _position;
    }
}
