# Writes the cifarlab-cli man page and its bash completion from the CLI's own --help texts, so
# neither can drift from the commands and flags the binary really has.
#   cmake -DCLI=<cifarlab-cli> -DVERSION=<x.y.z> -DMAN=<out.1> -DCOMPLETION=<out> -P cli_docs.cmake
cmake_minimum_required(VERSION 3.22)
foreach(_var CLI VERSION MAN COMPLETION)
  if(NOT DEFINED ${_var})
    message(FATAL_ERROR "cli_docs.cmake: -D${_var}=... is required")
  endif()
endforeach()

# The CLI paints charts for compare/report; never let it look for a display here.
set(ENV{QT_QPA_PLATFORM} offscreen)

function(run_help out)
  execute_process(COMMAND "${CLI}" ${ARGN} --help
                  OUTPUT_VARIABLE _text ERROR_VARIABLE _err RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0 OR _text STREQUAL "")
    message(FATAL_ERROR "cli_docs.cmake: '${CLI} ${ARGN} --help' failed (${_rc}): ${_err}")
  endif()
  set(${out} "${_text}" PARENT_SCOPE)
endfunction()

# One list element per line. Brackets would group list elements ("[0,1)" never closes), and
# semicolons split them, so both become spaces: the lines are only parsed, never printed.
function(split_lines out text)
  string(REPLACE "[" " " text "${text}")
  string(REPLACE "]" " " text "${text}")
  string(REPLACE ";" " " text "${text}")
  string(REPLACE "\n" ";" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

# roff: backslashes first, then minus signs and lines that would start a request.
function(roff_escape out text)
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

run_help(_top)
split_lines(_top_lines "${_top}")

# "cifarlab-cli 0.1.0 - what it does" on the first line.
list(GET _top_lines 0 _first)
string(REGEX REPLACE "^[^ ]+ [^ ]+ - " "" _tagline "${_first}")

set(_commands "")
set(_summaries "")
set(_exit "")
set(_in_commands FALSE)
foreach(_line IN LISTS _top_lines)
  if(_line STREQUAL "commands:")
    set(_in_commands TRUE)
  elseif(_in_commands AND _line MATCHES "^  ([a-z][a-z0-9-]*) +(.+)$")
    list(APPEND _commands "${CMAKE_MATCH_1}")
    list(APPEND _summaries "${CMAKE_MATCH_2}")
  elseif(_line MATCHES "^exit codes: (.+)$")
    set(_exit "${CMAKE_MATCH_1}")
    set(_in_commands FALSE)
  else()
    set(_in_commands FALSE)
  endif()
endforeach()
list(LENGTH _commands _count)
if(_count EQUAL 0)
  message(FATAL_ERROR "cli_docs.cmake: no commands found in '${CLI} --help':\n${_top}")
endif()

roff_escape(_tagline_roff "${_tagline}")
set(_man ".TH CIFARLAB\\-CLI 1 \"\" \"cifarlab\\-cli ${VERSION}\" \"User Commands\"\n")
string(APPEND _man ".SH NAME\ncifarlab\\-cli \\- ${_tagline_roff}\n")
string(APPEND _man ".SH SYNOPSIS\n.B cifarlab\\-cli\n.I command\n.RI [ options ]\n.br\n")
string(APPEND _man ".B cifarlab\\-cli\n.I command\n.B \\-\\-help\n.br\n.B cifarlab\\-cli\n.RB [ \\-\\-help | \\-\\-version ]\n")
string(APPEND _man ".SH DESCRIPTION\n.B cifarlab\\-cli\ndoes everything the CifarLab desktop application does, without a display: ${_tagline_roff}.\n")
string(APPEND _man "Each command has its own options, listed below and by\n.BI \"cifarlab\\-cli \" command \" \\-\\-help\"\\fR.\n")
string(APPEND _man ".SH COMMANDS\n")

set(_cases "")
math(EXPR _last "${_count} - 1")
foreach(_i RANGE ${_last})
  list(GET _commands ${_i} _cmd)
  list(GET _summaries ${_i} _summary)
  run_help(_help ${_cmd})
  roff_escape(_summary_roff "${_summary}")
  roff_escape(_help_roff "${_help}")
  string(APPEND _man ".SS ${_cmd}\n${_summary_roff}.\n.PP\n.nf\n${_help_roff}.fi\n")

  # Flags, and which of them take a value (directories and files complete as such).
  set(_flags "")
  set(_dir_flags "")
  set(_file_flags "")
  set(_value_flags "")
  split_lines(_help_lines "${_help}")
  foreach(_line IN LISTS _help_lines)
    if(_line MATCHES "^  (-[a-zA-Z], )?(--[a-z][a-z0-9-]*)( <([^>]+)>)?")
      set(_flag "${CMAKE_MATCH_2}")
      set(_value "${CMAKE_MATCH_4}")
      if(CMAKE_MATCH_1 MATCHES "^(-[a-zA-Z]),")
        list(APPEND _flags "${CMAKE_MATCH_1}")
      endif()
      list(APPEND _flags "${_flag}")
      if(_value STREQUAL "dir")
        list(APPEND _dir_flags "${_flag}")
      elseif(_value MATCHES "^(file|path)")
        list(APPEND _file_flags "${_flag}")
      elseif(NOT _value STREQUAL "")
        list(APPEND _value_flags "${_flag}")
      endif()
    endif()
  endforeach()
  list(JOIN _flags " " _flags)
  list(JOIN _dir_flags " " _dir_flags)
  list(JOIN _file_flags " " _file_flags)
  list(JOIN _value_flags " " _value_flags)
  string(APPEND _cases "        ${_cmd})\n            flags=\"${_flags}\"\n            dirs=\"${_dir_flags}\"\n"
         "            files=\"${_file_flags}\"\n            values=\"${_value_flags}\"\n            ;;\n")
endforeach()

if(NOT _exit STREQUAL "")
  roff_escape(_exit_roff "${_exit}")
  string(APPEND _man ".SH \"EXIT STATUS\"\n${_exit_roff}.\n")
endif()
string(APPEND _man ".SH ENVIRONMENT\n.TP\n.B CIFARLAB_HOME\nExperiment store folder used when \\fB\\-\\-store\\fR is not given.\n")
file(WRITE "${MAN}" "${_man}")

list(JOIN _commands " " _command_words)
file(WRITE "${COMPLETION}" "# bash completion for cifarlab-cli -*- shell-script -*-
# Generated from `cifarlab-cli --help` and each command's --help by packaging/cli_docs.cmake.
_cifarlab_cli()
{
    local cur=\"\${COMP_WORDS[COMP_CWORD]}\"
    local prev=\"\${COMP_WORDS[COMP_CWORD-1]}\"
    if [[ \$COMP_CWORD -eq 1 ]]; then
        COMPREPLY=(\$(compgen -W \"${_command_words} --help --version\" -- \"\$cur\"))
        return
    fi
    local flags=\"\" dirs=\"\" files=\"\" values=\"\"
    case \"\${COMP_WORDS[1]}\" in
${_cases}        *)
            return
            ;;
    esac
    # The word after a flag that takes a value: folders, files, or nothing to guess.
    if [[ \" \$dirs \" == *\" \$prev \"* ]]; then
        compopt -o filenames 2>/dev/null
        COMPREPLY=(\$(compgen -d -- \"\$cur\"))
        return
    fi
    if [[ \" \$files \" == *\" \$prev \"* ]]; then
        compopt -o filenames 2>/dev/null
        COMPREPLY=(\$(compgen -f -- \"\$cur\"))
        return
    fi
    if [[ \" \$values \" == *\" \$prev \"* ]]; then
        COMPREPLY=()
        return
    fi
    if [[ \$cur == -* ]]; then
        COMPREPLY=(\$(compgen -W \"\$flags\" -- \"\$cur\"))
        return
    fi
    # Positional arguments (run ids, bundle files, actions): offer files.
    compopt -o filenames 2>/dev/null
    COMPREPLY=(\$(compgen -f -- \"\$cur\"))
}
complete -F _cifarlab_cli cifarlab-cli
")
