/// The matrix page's filter, plain JavaScript run on the page (no library): a subject
/// text hides the rows naming no such subject, a project text hides the other project
/// columns, a role hides the rows holding it on no shown project; the count of rows
/// shown is announced to screen readers.
enum MatrixScript {
    static let js = """
        (function(){var t=document.getElementById('matrix');if(!t)return;
        var fs=document.getElementById('f-subject'),fp=document.getElementById('f-project'),fr=document.getElementById('f-role'),
        n=document.getElementById('f-count'),heads=t.tHead.rows[0].cells,rows=t.tBodies[0].rows;
        function apply(){var s=fs.value.trim().toLowerCase(),p=fp.value.trim().toLowerCase(),r=fr.value,show=[],proj=[],shown=0,i,j;
        for(i=0;i<heads.length;i++){var id=heads[i].getAttribute('data-project');proj.push(id!==null);
        show.push(id===null||id.indexOf(p)>=0);heads[i].hidden=!show[i];}
        for(j=0;j<rows.length;j++){var row=rows[j],cells=row.cells,ok=!s||cells[0].textContent.toLowerCase().indexOf(s)>=0;
        if(ok&&r){ok=false;for(i=1;i<cells.length;i++){var c=cells[i];
        if(proj[i]&&show[i]&&(c.className?c.className.slice(2):'none')===r){ok=true;break;}}}
        for(i=1;i<cells.length;i++)cells[i].hidden=!show[i];row.hidden=!ok;if(ok)shown++;}
        n.textContent=shown+' of '+rows.length+' rows shown';}
        fs.addEventListener('input',apply);fp.addEventListener('input',apply);fr.addEventListener('change',apply);})();
        """
}
