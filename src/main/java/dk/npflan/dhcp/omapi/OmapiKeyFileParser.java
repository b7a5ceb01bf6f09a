package dk.npflan.dhcp.omapi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads an OMAPI key from text in dhcpd's own syntax, {@code key NAME { algorithm hmac-md5; secret
 * "…"; }}, so operators keep one key file for dhcpd and for us. Accepts what dhcpd accepts: quoted
 * or bare key name and secret, {@code #} comments, an optional {@code ;} after the block, other
 * statements around it (a whole dhcpd.conf works), every HMAC algorithm of {@link
 * OmapiKeyAlgorithm} in its short or long name, and a missing {@code algorithm} (hmac-md5,
 * omshell's default). When the text holds several keys, the one named by {@code omapi-key NAME;}
 * wins; otherwise there must be exactly one. Error messages name the problem, never the secret.
 */
public final class OmapiKeyFileParser {

    /** Upper bound on a key file; a real one is a few hundred bytes. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private OmapiKeyFileParser() {}

    /** Reads and parses a key file. */
    public static OmapiKey read(Path file) throws OmapiException {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw bad(file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OmapiException(
                    OmapiException.Reason.BAD_KEY_FILE,
                    "cannot read key file " + file + ": " + e.getClass().getSimpleName(),
                    e);
        }
    }

    /** Parses key file text. */
    public static OmapiKey parse(String text) throws OmapiException {
        List<String> tokens = tokenize(text);
        List<OmapiKey> keys = new ArrayList<>();
        Optional<String> omapiKeyName = Optional.empty();
        int i = 0;
        while (i < tokens.size()) {
            String token = tokens.get(i);
            if (token.equals("key")) {
                i = parseKeyBlock(tokens, i + 1, keys);
            } else if (token.equals("omapi-key") && i + 1 < tokens.size()) {
                omapiKeyName = Optional.of(unquote(tokens.get(i + 1)));
                i += 2;
            } else {
                i++;
            }
        }
        if (keys.isEmpty()) {
            throw bad("no key statement found");
        }
        if (omapiKeyName.isPresent()) {
            String wanted = omapiKeyName.get();
            return keys.stream()
                    .filter(k -> k.name().equals(wanted))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    bad(
                                            "omapi-key names "
                                                    + wanted
                                                    + " but no key of that name is defined"));
        }
        if (keys.size() > 1) {
            throw bad(keys.size() + " key statements and no omapi-key statement to choose one");
        }
        return keys.get(0);
    }

    private static int parseKeyBlock(List<String> tokens, int start, List<OmapiKey> keys)
            throws OmapiException {
        if (start + 1 >= tokens.size() || !tokens.get(start + 1).equals("{")) {
            throw bad("key statement without a name and '{'");
        }
        String name = unquote(tokens.get(start));
        String algorithm = "hmac-md5";
        String secret = null;
        int i = start + 2;
        while (i < tokens.size() && !tokens.get(i).equals("}")) {
            String word = tokens.get(i);
            if (i + 2 >= tokens.size() || !tokens.get(i + 2).equals(";")) {
                throw bad("key " + name + ": expected '" + word + " <value>;'");
            }
            String value = unquote(tokens.get(i + 1));
            switch (word) {
                case "algorithm" -> algorithm = value;
                case "secret" -> secret = value;
                default -> throw bad("key " + name + ": unknown statement '" + word + "'");
            }
            i += 3;
        }
        if (i >= tokens.size()) {
            throw bad("key " + name + ": missing '}'");
        }
        String algorithmName = algorithm;
        OmapiKeyAlgorithm keyAlgorithm =
                OmapiKeyAlgorithm.ofDhcpdName(algorithmName)
                        .orElseThrow(
                                () ->
                                        bad(
                                                "key "
                                                        + name
                                                        + ": algorithm "
                                                        + algorithmName
                                                        + " is not supported"));
        if (secret == null) {
            throw bad("key " + name + ": no secret");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(secret.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw bad("key " + name + ": secret is not valid base64");
        }
        if (decoded.length == 0) {
            throw bad("key " + name + ": secret is empty");
        }
        keys.add(new OmapiKey(name, keyAlgorithm, decoded));
        return i + 1;
    }

    /** Splits into words, quoted strings (kept with their quotes), '{', '}' and ';'. */
    private static List<String> tokenize(String text) throws OmapiException {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '{' || c == '}' || c == ';') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"') {
                int end = i + 1;
                StringBuilder s = new StringBuilder("\"");
                while (end < text.length() && text.charAt(end) != '"') {
                    if (text.charAt(end) == '\\' && end + 1 < text.length()) {
                        end++;
                    }
                    s.append(text.charAt(end));
                    end++;
                }
                if (end >= text.length()) {
                    throw bad("unterminated quoted string");
                }
                tokens.add(s.toString());
                i = end + 1;
            } else {
                int end = i;
                while (end < text.length()
                        && !Character.isWhitespace(text.charAt(end))
                        && "{};\"#".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(text.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }

    private static String unquote(String token) {
        return token.startsWith("\"") ? token.substring(1) : token;
    }

    private static OmapiException bad(String message) {
        return new OmapiException(OmapiException.Reason.BAD_KEY_FILE, message);
    }
}
