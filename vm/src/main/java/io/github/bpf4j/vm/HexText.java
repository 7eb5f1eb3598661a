package io.github.bpf4j.vm;

import java.io.ByteArrayOutputStream;

/**
 * Hex text as people write it: bytes as pairs of hex digits separated by whitespace or commas,
 * optional {@code 0x} prefixes, {@code #} comments to the end of the line.
 */
public final class HexText {
    private HexText() {}

    /**
     * Parses hex text into bytes, in the order written ({@code "aabb"} is 0xaa, 0xbb).
     *
     * @param where names the source in error messages, e.g. a file name or {@code --mem}
     */
    public static byte[] parse(String text, String where) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] lines = text.split("\n", -1);
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            int i = 0;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (Character.isWhitespace(c) || c == ',') {
                    i++;
                    continue;
                }
                int start = i;
                while (i < line.length() && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != ',') {
                    i++;
                }
                String token = line.substring(start, i);
                String digits = token.startsWith("0x") || token.startsWith("0X") ? token.substring(2) : token;
                String at = where + ":" + (ln + 1) + ":" + (start + 1) + ": ";
                if (digits.isEmpty() || digits.length() % 2 != 0) {
                    throw new MalformedProgramException(at + "'" + token + "' is not a whole number of hex bytes");
                }
                for (int d = 0; d < digits.length(); d += 2) {
                    int hi = Character.digit(digits.charAt(d), 16);
                    int lo = Character.digit(digits.charAt(d + 1), 16);
                    if (hi < 0 || lo < 0) {
                        throw new MalformedProgramException(at + "'" + token + "' is not hex");
                    }
                    out.write(hi << 4 | lo);
                }
            }
        }
        return out.toByteArray();
    }

    /** Bytes as lower-case hex pairs separated by spaces. */
    public static String format(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(Character.forDigit(bytes[i] >> 4 & 0xf, 16)).append(Character.forDigit(bytes[i] & 0xf, 16));
        }
        return sb.toString();
    }
}
