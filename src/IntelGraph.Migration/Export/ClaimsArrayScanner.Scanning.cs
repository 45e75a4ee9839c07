namespace IntelGraph.Migration.Export;

/// <summary>The scanner's work in each state: one method per state, each moving <c>_position</c> through the buffer.</summary>
internal sealed partial class ClaimsArrayScanner
{
    // Each Scan method consumes as many bytes as it can per call. One call per token made a cold first pass over a
    // 200 MB file about 1.5 times slower, because the JIT runs unoptimized code until it has seen enough calls.
    private Step ScanBeforeArray()
    {
        if (!_bomChecked)
        {
            if (_end - _position < 3 && !_isCompleted)
            {
                return Step.NeedMoreData;
            }

            _bomChecked = true;
            if (_buffer.AsSpan(_position, _end - _position).StartsWith("\uFEFF"u8))
            {
                _position += 3;
            }
        }

        while (_position < _end)
        {
            var next = _buffer[_position];
            if (SkipWhiteSpace(next))
            {
                continue;
            }

            if (next == (byte)'[')
            {
                _position++;
                _atLineStart = false;
                _state = State.BetweenElements;
                return Step.Continue;
            }

            StartTrailingContent("The file does not start with '[', but a claims file must be one JSON array of claim objects.");
            return Step.Continue;
        }

        return Step.NeedMoreData;
    }

    private Step ScanBetweenElements()
    {
        while (_position < _end)
        {
            var next = _buffer[_position];
            if (SkipWhiteSpace(next))
            {
                continue;
            }

            if (next == (byte)',')
            {
                // An empty element, as in "[a,,b]" or "[a,]", contains no data, so it is skipped.
                _atLineStart = false;
                _position++;
            }
            else if (next == (byte)']')
            {
                _position++;
                _state = State.AfterArray;
                return Step.Continue;
            }
            else
            {
                StartElement(_atLineStart ? _indent : -1);
                return Step.Continue;
            }
        }

        return Step.NeedMoreData;
    }

    private Step ScanElement(out ScannedElement element)
    {
        element = default;
        while (_state == State.InElement && _position < _end)
        {
            if (_inString)
            {
                ScanString();
                continue;
            }

            if (_atLineStart)
            {
                if (TryEndAtLineStart(out element))
                {
                    return Step.Produced;
                }

                continue;
            }

            var found = _buffer.AsSpan(_position, _end - _position).IndexOfAny(_structuralStops);
            if (found < 0)
            {
                _position = _end;
                break;
            }

            _position += found;
            var next = _buffer[_position];
            switch (next)
            {
                case (byte)'"':
                    _inString = true;
                    _position++;
                    break;

                case (byte)'{' or (byte)'[':
                    Open(next);
                    _position++;
                    break;

                case (byte)'}' or (byte)']' when _depth > 0:
                    Close(next);
                    break;

                case (byte)']':
                    element = EndElement(_position);
                    _position++;
                    _state = State.AfterArray;
                    return Step.Produced;

                case (byte)',' when _depth == 0:
                    element = EndElement(_position);
                    _position++;
                    _state = State.BetweenElements;
                    return Step.Produced;

                case (byte)'\n' or (byte)'\r':
                    ConsumeLineBreak();
                    break;

                default:
                    // The byte is a comma inside a nested value or a '}' with nothing open, which the JSON check reports.
                    _position++;
                    break;
            }
        }

        return _state == State.InElement ? Step.NeedMoreData : Step.Continue;
    }

    /// <summary>Scans string content up to and including its closing quote, or to the end of the data read so far.</summary>
    private void ScanString()
    {
        while (_position < _end)
        {
            if (_escaped)
            {
                if (IsLineBreak(_buffer[_position]))
                {
                    Break($"A string in this element is not closed before the end of line {_line}.");
                    return;
                }

                _escaped = false;
                _position++;
                continue;
            }

            var found = _buffer.AsSpan(_position, _end - _position).IndexOfAny(_stringStops);
            if (found < 0)
            {
                _position = _end;
                return;
            }

            _position += found;
            switch (_buffer[_position])
            {
                case (byte)'"':
                    _inString = false;
                    _position++;
                    return;

                case (byte)'\\':
                    _escaped = true;
                    _position++;
                    break;

                default:
                    // JSON strings cannot contain a raw line break, so the quotes are out of step with the text.
                    Break($"A string in this element is not closed before the end of line {_line}.");
                    return;
            }
        }
    }

    /// <summary>
    /// Reads the indentation of a line inside an element. Returns true, with the element so far, when the line
    /// starts the next element before the current one was closed.
    /// </summary>
    private bool TryEndAtLineStart(out ScannedElement element)
    {
        element = default;
        SkipBlanks();
        if (_position == _end)
        {
            return false;
        }

        _atLineStart = false;
        var next = _buffer[_position];
        if (IsLineBreak(next) || _depth == 0)
        {
            return false;
        }

        if (next == (byte)'{' && _indent == _layoutIndent)
        {
            // Inner lines are indented deeper than elements, so this line starts the next element.
            element = EndElement(_position - _indent, $"The element is not closed before the next element starts on line {_line}.");
            StartElement(_indent);
            return true;
        }

        if (next is not ((byte)'}' or (byte)']'))
        {
            _innerIndent = Math.Min(_innerIndent, _indent);
        }

        return false;
    }

    private Step ScanForResynchronization(out ScannedElement element)
    {
        element = default;
        while (_position < _end)
        {
            if (_atLineStart)
            {
                SkipBlanks();
                if (_position == _end)
                {
                    break;
                }

                _atLineStart = false;
                if (_buffer[_position] == (byte)'{' && _indent == _layoutIndent)
                {
                    element = EndElement(_position - _indent, _problem);
                    StartElement(_indent);
                    return Step.Produced;
                }
            }

            SkipLine();
        }

        return Step.NeedMoreData;
    }

    private Step ScanAfterArray()
    {
        while (_position < _end)
        {
            if (!SkipWhiteSpace(_buffer[_position]))
            {
                StartTrailingContent("Content follows the ']' that closes the top-level array, but a claims file must contain only that array.");
                return Step.Continue;
            }
        }

        return Step.NeedMoreData;
    }

    /// <summary>Passes over content that can only end at the end of the file, counting its lines.</summary>
    private Step SkipToEnd()
    {
        while (_position < _end)
        {
            SkipLine();
        }

        return Step.NeedMoreData;
    }

    /// <summary>Moves past the next line break, or to the end of the data read so far when there is none.</summary>
    private void SkipLine()
    {
        var found = _buffer.AsSpan(_position, _end - _position).IndexOfAny(_lineBreaks);
        if (found < 0)
        {
            _position = _end;
            return;
        }

        _position += found;
        ConsumeLineBreak();
    }

    /// <summary>Moves past spaces and tabs, adding them to the current line's indentation.</summary>
    private void SkipBlanks()
    {
        var remaining = _buffer.AsSpan(_position, _end - _position);
        var found = remaining.IndexOfAnyExcept((byte)' ', (byte)'\t');
        var count = found < 0 ? remaining.Length : found;
        _position += count;
        _indent += count;
    }

    private void ConsumeLineBreak()
    {
        var next = _buffer[_position];
        _position++;
        _line++;
        _atLineStart = true;
        _indent = 0;
        if (next != (byte)'\r')
        {
            return;
        }

        if (_position < _end)
        {
            if (_buffer[_position] == (byte)'\n')
            {
                _position++;
            }
        }
        else if (!_isCompleted)
        {
            _lineFeedMayFollow = true;
        }
    }

    private static bool IsBlank(byte value) => value is (byte)' ' or (byte)'\t';

    private static bool IsLineBreak(byte value) => value is (byte)'\n' or (byte)'\r';

    /// <summary>Consumes the blanks or the line break that start at <paramref name="next"/>. Returns false, consuming nothing, at any other byte.</summary>
    private bool SkipWhiteSpace(byte next)
    {
        if (IsBlank(next))
        {
            SkipBlanks();
            return true;
        }

        if (IsLineBreak(next))
        {
            ConsumeLineBreak();
            return true;
        }

        return false;
    }
}
