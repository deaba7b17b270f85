// EPUBCheck for several publications in one Java process. Starting EPUBCheck (the JVM and
// its schemas) costs about five seconds; the tests check every fixture's EPUB in one run.
//
//     java -cp epubcheck.jar EpubCheckBatch.java A.epub B.epub ...
//
// For each file: a line "FILE <path>", EPUBCheck's own report lines, then "END <status>".
import com.adobe.epubcheck.api.EpubCheck;
import java.io.File;
import java.io.PrintWriter;

public class EpubCheckBatch {
    public static void main(String[] paths) {
        PrintWriter out = new PrintWriter(System.out, true);
        for (String path : paths) {
            out.println("FILE " + path);
            int status = new EpubCheck(new File(path), out).doValidate();
            out.println("END " + status);
        }
    }
}
