namespace Palisade.Waf.Detection;

/// <summary>
/// The folded token classes that decided a SQL injection verdict, one letter per token (for example "s&amp;1o1c":
/// string, logic operator, number, operator, number, comment). CRS logs it as TX.0. The letters are packed in two
/// integers, so producing it allocates nothing; <see cref="ToString"/> allocates only when a log line needs it.
/// </summary>
public readonly struct SqlFingerprint : IEquatable<SqlFingerprint>
{
    /// <summary>The most letters a fingerprint holds.</summary>
    public const int MaxLength = 16;

    private const int LettersPerWord = 8;

    private readonly ulong _first;
    private readonly ulong _second;

    internal SqlFingerprint(ReadOnlySpan<byte> letters)
    {
        if (letters.Length > MaxLength)
        {
            throw new ArgumentException($"A fingerprint holds at most {MaxLength} letters, not {letters.Length}.", nameof(letters));
        }

        for (var i = 0; i < letters.Length; i++)
        {
            if (i < LettersPerWord)
            {
                _first |= (ulong)letters[i] << (i * 8);
            }
            else
            {
                _second |= (ulong)letters[i] << ((i - LettersPerWord) * 8);
            }
        }

        Length = letters.Length;
    }

    /// <summary>Number of letters; 0 for the default value (no verdict).</summary>
    public int Length { get; }

    public char this[int index] => (uint)index < (uint)Length
        ? (char)(((index < LettersPerWord ? _first : _second) >> (index % LettersPerWord * 8)) & 0xFF)
        : throw new ArgumentOutOfRangeException(nameof(index), $"Index {index} is outside the fingerprint's {Length} letters.");

    /// <summary>Writes the letters into <paramref name="destination"/>; false when it is too short.</summary>
    public bool TryFormat(Span<char> destination, out int written)
    {
        if (destination.Length < Length)
        {
            written = 0;
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            destination[i] = this[i];
        }

        written = Length;
        return true;
    }

    public override string ToString() => string.Create(Length, this, static (span, fingerprint) => fingerprint.TryFormat(span, out _));

    public bool Equals(SqlFingerprint other) => _first == other._first && _second == other._second && Length == other.Length;

    public override bool Equals(object? obj) => obj is SqlFingerprint other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_first, _second, Length);

    public static bool operator ==(SqlFingerprint left, SqlFingerprint right) => left.Equals(right);

    public static bool operator !=(SqlFingerprint left, SqlFingerprint right) => !left.Equals(right);
}
