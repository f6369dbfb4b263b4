using System.Globalization;
using System.Text;
using Sctp.Packet;

namespace Sctp.Tests.Packet;

/// <summary>
/// One SCTP packet captured from usrsctp (TestData/usrsctp, format in its README.md): where it comes
/// from, its bytes, and the chunk types its comment declares.
/// </summary>
/// <param name="File">The vector file's name, such as <c>echo-session.txt</c>.</param>
/// <param name="Name">The packet's name, unique in its file, such as <c>002-server</c>.</param>
/// <param name="Packet">The whole SCTP packet (the UDP payload), common header first.</param>
/// <param name="DeclaredChunks">The chunk types the comment lists, in order, named as by <see cref="UsrsctpVectors.ChunkName"/>.</param>
/// <param name="Description">The comment's text after the chunk list (direction and notes).</param>
internal sealed record UsrsctpVector(string File, string Name, byte[] Packet, IReadOnlyList<string> DeclaredChunks, string Description)
{
    /// <inheritdoc/>
    public override string ToString() => $"{File}:{Name}";
}

/// <summary>Loads the usrsctp test vectors copied next to the test assembly.</summary>
internal static class UsrsctpVectors
{
    /// <summary>The folder holding the vector files in the test output.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "usrsctp");

    /// <summary>The names of all vector files, sorted.</summary>
    public static IReadOnlyList<string> Files =>
        [.. Directory.GetFiles(Folder, "*.txt").Select(Path.GetFileName).Order(StringComparer.Ordinal)!];

    /// <summary>Every packet of every file.</summary>
    public static IEnumerable<UsrsctpVector> All => Files.SelectMany(Load);

    /// <summary>The packets of one file, in order.</summary>
    /// <exception cref="InvalidDataException">The file breaks the format.</exception>
    public static IReadOnlyList<UsrsctpVector> Load(string fileName) =>
        Parse(fileName, File.ReadAllText(Path.Combine(Folder, fileName), Encoding.UTF8));

    /// <summary>One packet by file and name.</summary>
    public static UsrsctpVector Get(string fileName, string name) =>
        Load(fileName).SingleOrDefault(v => v.Name == name)
        ?? throw new KeyNotFoundException($"{fileName} has no packet named {name}.");

    /// <summary>
    /// Parses the text of a vector file. Blank lines are skipped; <c>#</c> lines are comments; a comment
    /// of the form <c># [TYPE, TYPE] text</c> declares the chunk types of the packet line that follows;
    /// a packet line is <c>name hex</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">A packet without a declaration, a declaration without a packet, bad hex or a repeated name.</exception>
    public static IReadOnlyList<UsrsctpVector> Parse(string fileName, string text)
    {
        var vectors = new List<UsrsctpVector>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        (IReadOnlyList<string> Chunks, string Description)? pending = null;
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.Trim();
            string where = $"{fileName} line {lineNumber}";
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                string comment = line[1..].TrimStart();
                if (comment.StartsWith('['))
                {
                    if (pending is not null)
                    {
                        throw new InvalidDataException($"{where}: a chunk declaration follows another without a packet line.");
                    }

                    int close = comment.IndexOf(']', StringComparison.Ordinal);
                    if (close < 0)
                    {
                        throw new InvalidDataException($"{where}: the chunk declaration has no closing bracket.");
                    }

                    string[] chunks = comment[1..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    pending = (chunks, comment[(close + 1)..].Trim());
                }

                continue;
            }

            string[] parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                throw new InvalidDataException($"{where}: a packet line is 'name hex'.");
            }

            if (pending is not { } declaration)
            {
                throw new InvalidDataException($"{where}: packet {parts[0]} has no '# [chunk types]' line before it.");
            }

            if (!names.Add(parts[0]))
            {
                throw new InvalidDataException($"{where}: the name {parts[0]} is used twice.");
            }

            byte[] packet;
            try
            {
                packet = Hex.Parse(parts[1]);
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{where}: packet {parts[0]} is not hex.", e);
            }

            vectors.Add(new UsrsctpVector(fileName, parts[0], packet, declaration.Chunks, declaration.Description));
            pending = null;
        }

        if (pending is not null)
        {
            throw new InvalidDataException($"{fileName}: the last chunk declaration has no packet line.");
        }

        return vectors;
    }

    /// <summary>
    /// The name vector files use for a chunk type: the RFC's upper-case name with hyphens
    /// (<c>INIT-ACK</c>, <c>FORWARD-TSN</c>, <c>I-DATA</c>), or <c>0x4A</c> for a type this codec does not name.
    /// </summary>
    public static string ChunkName(ChunkType type)
    {
        string name = type.ToString();
        if (!Enum.IsDefined(type))
        {
            return string.Create(CultureInfo.InvariantCulture, $"0x{(byte)type:X2}");
        }

        var builder = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('-');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return builder.ToString();
    }
}
