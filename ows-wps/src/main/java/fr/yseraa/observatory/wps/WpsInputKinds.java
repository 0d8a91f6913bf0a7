package fr.yseraa.observatory.wps;

/** Tells the KVP parser whether an input of a process is literal, complex or a bounding box. */
@FunctionalInterface
interface WpsInputKinds {

    enum Kind { LITERAL, COMPLEX, BOUNDING_BOX }

    /** The kind of an input, LITERAL when the process or input is unknown (validation reports it later). */
    Kind kindOf(String process, String input);
}
