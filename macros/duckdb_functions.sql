{#-
    The few DuckDB-only functions the models need, each behind one macro so
    that a port to another warehouse touches this file only
    (shared/CONVENTIONS.md, section 3).
-#}

{#- has_flag(flags_column, flag): true when the varchar[] column of parse
    flags (raw _flags) holds `flag`. -#}
{% macro has_flag(flags_column, flag) -%}
    coalesce(list_contains({{ flags_column }}, '{{ flag }}'), false)
{%- endmacro %}

{#- byte_length(expression): length of a varchar in UTF-8 bytes, not
    characters. -#}
{% macro byte_length(expression) -%}
    strlen({{ expression }})
{%- endmacro %}

{#- is_blank(expression): true when the string is empty after removing the
    whitespace Python's str.strip() removes (the BenchMAC notebook compares
    model_patch.strip() with ""). SQL trim() removes spaces only, so the
    characters are listed: tab to carriage return, the file/group/record/unit
    separators, space, next line, no-break space and the Unicode spaces.
    Null stays null. -#}
{% macro is_blank(expression) -%}
    {%- set codepoints = [
        9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 133, 160, 5760,
        8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202,
        8232, 8233, 8239, 8287, 12288
    ] -%}
    (trim({{ expression }}, {% for codepoint in codepoints -%}
        chr({{ codepoint }}){% if not loop.last %} || {% endif %}
    {%- endfor %}) = '')
{%- endmacro %}

{#- exact_decimal(expression): the double's shortest decimal text, parsed exactly: DuckDB's direct
    double-to-decimal cast is off by up to ~1e-16 relatively. -#}
{% macro exact_decimal(expression) -%}
    cast(cast({{ expression }} as varchar) as decimal(38, 18))
{%- endmacro %}

{#- float_sum(expression), float_avg(expression): sum and mean of doubles
    that do not depend on the order rows arrive in. A plain sum does, and so
    does DuckDB's compensated fsum in the last bit, and parallel aggregation
    changes the order between runs (0.5 + 0.3 + 0.4 + 1.0 gives 2.2 or
    2.1999999999999997). Each value's shortest decimal text is rounded to 18
    decimals and summed exactly as a decimal(38, 18), then turned back into
    a double once, so every build and thread count gives the same bits. Values must stay below
    1e20 in magnitude. Nulls are skipped; no rows give null. Portable: every
    SQL engine sums decimals exactly. -#}
{% macro float_sum(expression) -%}
    cast(sum({{ exact_decimal(expression) }}) as double)
{%- endmacro %}

{% macro float_avg(expression) -%}
    (
        cast(sum({{ exact_decimal(expression) }}) as double)
        / nullif(count({{ expression }}), 0)
    )
{%- endmacro %}

{#- is_json(expression): true when the string parses as JSON (false for
    null). -#}
{% macro is_json(expression) -%}
    coalesce(json_valid({{ expression }}), false)
{%- endmacro %}

{#- json_text(expression, path): the value at a JSONPath ('$.a."b/c".d') of
    a JSON string, as varchar; null when the string is not JSON or the path
    is absent. -#}
{% macro json_text(expression, path) -%}
    case
        when json_valid({{ expression }})
            then json_extract_string({{ expression }}, '{{ path }}')
    end
{%- endmacro %}
